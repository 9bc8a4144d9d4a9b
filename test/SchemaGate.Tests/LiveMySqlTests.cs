using MySqlConnector;

namespace SchemaGate.Tests;

/// <summary>Reads test_db.person from the throwaway MariaDB that scripts/test.sh starts (scripts/mariadb.sh).</summary>
[Trait("Category", "Integration")]
public sealed class LiveMySqlTests
{
    private static string ConnectionString => MariaDbServer.ConnectionString();

    [MariaDbFact]
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
}
