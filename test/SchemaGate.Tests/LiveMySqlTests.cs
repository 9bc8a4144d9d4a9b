using System.Runtime.CompilerServices;
using MySqlConnector;

namespace SchemaGate.Tests;

/// <summary>Reads test_db.person from the throwaway MariaDB that scripts/test.sh starts (scripts/mariadb.sh).</summary>
public sealed class LiveMySqlTests
{
    private static readonly Dictionary<string, string> Server = Load();

    private static string? Unavailable => Server.ContainsKey("KCC_TEST_MYSQL_HOST") ? null : "no test MariaDB is running: start it with scripts/mariadb.sh start (scripts/test.sh does)";

    private static string ConnectionString => new MySqlConnectionStringBuilder
    {
        Server = Server["KCC_TEST_MYSQL_HOST"],
        Port = uint.Parse(Server["KCC_TEST_MYSQL_PORT"], System.Globalization.CultureInfo.InvariantCulture),
        UserID = Server["KCC_TEST_MYSQL_USER"],
        Password = Server["KCC_TEST_MYSQL_PASSWORD"],
        SslMode = MySqlSslMode.None,
    }.ConnectionString;

    [SkippableLiveFact]
    public async Task The_definition_read_from_information_schema_gives_the_same_schema_as_the_create_statement()
    {
        await using (var connection = new MySqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new MySqlCommand("DROP TABLE IF EXISTS test_db.person", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new MySqlCommand(File.ReadAllText(Gate.Fixture("person.sql")), connection);
            await create.ExecuteNonQueryAsync();
        }

        var live = await InformationSchemaReader.ReadAsync(ConnectionString, "test_db", "person");

        Assert.Equal(DebeziumAvroSchema.ValueSchema(Gate.Person, "fullfillment").ToString(), DebeziumAvroSchema.ValueSchema(live, "fullfillment").ToString());
        Assert.False(Gate.Change(live, File.ReadAllText(Gate.Fixture("add-required-address.sql"))).For("BACKWARD").Compatible);
    }

    private static Dictionary<string, string> Load([CallerFilePath] string source = "")
    {
        var file = Path.Combine(Path.GetDirectoryName(source)!, "..", "..", ".toolchain", "mariadb", "env");
        return File.Exists(file)
            ? File.ReadAllLines(file).Where(line => line.Contains('=', StringComparison.Ordinal)).ToDictionary(line => line[..line.IndexOf('=', StringComparison.Ordinal)], line => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..])
            : [];
    }

    private sealed class SkippableLiveFactAttribute : FactAttribute
    {
        public SkippableLiveFactAttribute()
        {
            if (Unavailable is { } reason)
            {
                Skip = reason;
            }
        }
    }
}
