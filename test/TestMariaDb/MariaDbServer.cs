using System.Globalization;
using System.Runtime.CompilerServices;
using MySqlConnector;
using Xunit;

namespace KafkaConnectCdk.TestMariaDb;

/// <summary>The MariaDB that scripts/mariadb.sh starts (scripts/test.sh starts it); its settings come from .toolchain/mariadb/env.</summary>
public static class MariaDbServer
{
    private static readonly IReadOnlyDictionary<string, string> Settings = Load();

    /// <summary>Why the server cannot be used (not installed, not started), or null when it can.</summary>
    public static string? UnavailableReason { get; } = Settings.TryGetValue("KCC_TEST_MYSQL_UNAVAILABLE", out var reason)
        ? reason
        : Settings.ContainsKey("KCC_TEST_MYSQL_HOST") ? null : "no test MariaDB is running: start it with scripts/mariadb.sh start (scripts/test.sh does)";

    public static string Host => Settings["KCC_TEST_MYSQL_HOST"];

    public static int Port => int.Parse(Settings["KCC_TEST_MYSQL_PORT"], CultureInfo.InvariantCulture);

    public static string User => Settings["KCC_TEST_MYSQL_USER"];

    public static string Password => Settings["KCC_TEST_MYSQL_PASSWORD"];

    /// <summary>As the server's administrator, or as another user (e.g. the connector, to prove what its grants allow).</summary>
    public static string ConnectionString(string? user = null, string? password = null) => new MySqlConnectionStringBuilder
    {
        Server = Host,
        Port = (uint)Port,
        UserID = user ?? User,
        Password = password ?? Password,
        SslMode = MySqlSslMode.None,
    }.ConnectionString;

    public static MySqlConnection Open(string? user = null, string? password = null)
    {
        var connection = new MySqlConnection(ConnectionString(user, password));
        connection.Open();
        return connection;
    }

    public static void Execute(string sql)
    {
        using var connection = Open();
        using var command = new MySqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public static string Scalar(string sql)
    {
        using var connection = Open();
        using var command = new MySqlCommand(sql, connection);
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    private static Dictionary<string, string> Load([CallerFilePath] string source = "")
    {
        var file = Path.Combine(Path.GetDirectoryName(source)!, "..", "..", ".toolchain", "mariadb", "env");
        return File.Exists(file)
            ? File.ReadAllLines(file).Where(line => line.Contains('=', StringComparison.Ordinal)).ToDictionary(line => line[..line.IndexOf('=', StringComparison.Ordinal)], line => line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..])
            : [];
    }
}

/// <summary>A test against the real server; skipped, with the reason, only when no server could be installed or started.</summary>
public sealed class MariaDbFactAttribute : FactAttribute
{
    public MariaDbFactAttribute()
    {
        if (MariaDbServer.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
