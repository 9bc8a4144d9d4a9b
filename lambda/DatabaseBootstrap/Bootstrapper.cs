using System.Data.Common;
using System.Text.RegularExpressions;
using CustomResources;
using MySqlConnector;
using Polly;
using Polly.Retry;

namespace DatabaseBootstrap;

/// <summary>
/// Makes the database CDC-ready: verifies the binlog and GTID settings, creates or updates the connector user with
/// exactly Debezium's privileges, and sets the RDS binlog retention. Every step is idempotent.
/// </summary>
public sealed partial class Bootstrapper(ISecretSource secrets, StructuredLog log, MySqlSslMode sslMode, TimeSpan? firstRetryDelay = null)
{
    public static readonly IReadOnlyList<string> ConnectorPrivileges = ["SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "REPLICATION CLIENT"];

    private readonly ResiliencePipeline connecting = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            // The instance may still be starting or failing over: retry connecting, never a rejected statement.
            ShouldHandle = new PredicateBuilder().Handle<MySqlException>(exception => exception.ErrorCode is MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.UnknownError)
                .Handle<System.Net.Sockets.SocketException>()
                .Handle<TimeoutException>(),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = firstRetryDelay ?? TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(10),
        })
        .Build();

    public static string PhysicalIdOf(BootstrapRequest request, string username) => $"cdc-bootstrap:{request.DatabaseHost}:{username}";

    public async Task<string> RunAsync(BootstrapRequest request, CancellationToken cancellation)
    {
        var connector = await secrets.GetAsync(request.ConnectorSecretArn, cancellation);
        if (!UserNamePattern().IsMatch(connector.Username))
        {
            throw new InvalidOperationException($"the connector secret's username '{connector.Username}' is not a plain MySQL user name (letters, digits, underscores)");
        }

        var physicalId = PhysicalIdOf(request, connector.Username);
        await using var connection = await ConnectAsync(request, cancellation);

        if (request.RequestType == "Delete")
        {
            if (request.DropUserOnDelete)
            {
                await ExecuteAsync(connection, $"DROP USER IF EXISTS '{connector.Username}'@'%'", cancellation);
                log.Info("dropped the connector user", new() { ["user"] = connector.Username });
            }

            return request.PhysicalResourceId ?? physicalId;
        }

        var settings = await ReadSettingsAsync(connection, cancellation);
        var problems = ServerSettingsCheck.Problems(settings);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The database is not ready for change data capture: " + string.Join("; ", problems));
        }

        await using (var create = new MySqlCommand($"CREATE USER IF NOT EXISTS '{connector.Username}'@'%' IDENTIFIED BY @password", connection))
        {
            create.Parameters.AddWithValue("@password", connector.Password);
            await create.ExecuteNonQueryAsync(cancellation);
        }

        // Keeps the user's password equal to the secret's, also after the secret was changed.
        await using (var alter = new MySqlCommand($"ALTER USER '{connector.Username}'@'%' IDENTIFIED BY @password", connection))
        {
            alter.Parameters.AddWithValue("@password", connector.Password);
            await alter.ExecuteNonQueryAsync(cancellation);
        }

        var privileges = request.NeedsLockTables ? [.. ConnectorPrivileges, "LOCK TABLES"] : ConnectorPrivileges;
        await ExecuteAsync(connection, $"GRANT {string.Join(", ", privileges)} ON *.* TO '{connector.Username}'@'%'", cancellation);
        if (!request.NeedsLockTables && (await GrantsAsync(connection, connector.Username, cancellation)).Any(grant => grant.Contains("LOCK TABLES", StringComparison.Ordinal)))
        {
            await ExecuteAsync(connection, $"REVOKE LOCK TABLES ON *.* FROM '{connector.Username}'@'%'", cancellation);
        }

        await CreateControlTablesAsync(connection, request.Control, connector.Username, cancellation);

        await ExecuteAsync(connection, $"CALL mysql.rds_set_configuration('binlog retention hours', {request.BinlogRetentionHours})", cancellation);
        var effective = await BinlogRetentionHoursAsync(connection, cancellation);
        if (effective != request.BinlogRetentionHours)
        {
            throw new InvalidOperationException(
                $"binlog retention hours reads back as {effective?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL (RDS's default: binary logs purged as soon as possible)"} after setting {request.BinlogRetentionHours}: " +
                $"the connectors' retention alarms assume {request.BinlogRetentionHours}. Run CALL mysql.rds_set_configuration('binlog retention hours', {request.BinlogRetentionHours}) as the master user and check CALL mysql.rds_show_configuration, " +
                "or set database.binlogRetentionHours to what the instance allows, and deploy again");
        }

        log.Info("database ready for change data capture", new()
        {
            ["user"] = connector.Username,
            ["privileges"] = string.Join(", ", privileges),
            ["binlogRetentionHours"] = request.BinlogRetentionHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["heartbeatTable"] = request.Control.Heartbeat,
            ["signalTable"] = request.Control.Signal,
        });
        return physicalId;
    }

    /// <summary>
    /// The heartbeat table (one row per connector) and Debezium's signal table, in the documented shape: id VARCHAR(42)
    /// primary key, type VARCHAR(32) NOT NULL, data VARCHAR(2048) (Debezium docs, "Sending signals to a Debezium
    /// connector"; the watermark INSERT writes exactly these three columns). Created if missing, then granted.
    /// </summary>
    private static async Task CreateControlTablesAsync(MySqlConnection connection, ControlTables control, string username, CancellationToken cancellation)
    {
        await ExecuteAsync(connection, $"CREATE DATABASE IF NOT EXISTS {control.Database}", cancellation);
        await ExecuteAsync(connection, $"CREATE TABLE IF NOT EXISTS {control.Heartbeat} (connector VARCHAR(64) NOT NULL PRIMARY KEY, beat_at TIMESTAMP(3) NOT NULL)", cancellation);
        await ExecuteAsync(connection, $"CREATE TABLE IF NOT EXISTS {control.Signal} (id VARCHAR(42) NOT NULL PRIMARY KEY, type VARCHAR(32) NOT NULL, data VARCHAR(2048) NULL)", cancellation);
        foreach (var (table, privileges) in control.ConnectorGrants)
        {
            await ExecuteAsync(connection, $"GRANT {privileges} ON {table} TO '{username}'@'%'", cancellation);
        }
    }

    /// <summary>The effective retention from <c>mysql.rds_show_configuration</c> (columns name, value, description); null when unset.</summary>
    public static async Task<int?> BinlogRetentionHoursAsync(MySqlConnection connection, CancellationToken cancellation)
    {
        await using var command = new MySqlCommand("CALL mysql.rds_show_configuration", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        int? hours = null;
        while (await reader.ReadAsync(cancellation))
        {
            if (string.Equals(reader.GetString(reader.GetOrdinal("name")), "binlog retention hours", StringComparison.OrdinalIgnoreCase))
            {
                var value = reader.IsDBNull(reader.GetOrdinal("value")) ? null : Convert.ToString(reader.GetValue(reader.GetOrdinal("value")), System.Globalization.CultureInfo.InvariantCulture);
                hours = int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            }
        }

        return hours;
    }

    public static async Task<IReadOnlyList<string>> GrantsAsync(DbConnection connection, string username, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SHOW GRANTS FOR '{username}'@'%'";
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var grants = new List<string>();
        while (await reader.ReadAsync(cancellation))
        {
            grants.Add(reader.GetString(0));
        }

        return grants;
    }

    private async Task<MySqlConnection> ConnectAsync(BootstrapRequest request, CancellationToken cancellation)
    {
        var master = await secrets.GetAsync(request.MasterSecretArn, cancellation);
        var connectionString = new MySqlConnectionStringBuilder
        {
            Server = request.DatabaseHost,
            Port = (uint)request.DatabasePort,
            UserID = master.Username,
            Password = master.Password,
            SslMode = sslMode,
            ConnectionTimeout = 5,
            Pooling = false,
        }.ConnectionString;

        return await connecting.ExecuteAsync(async token =>
        {
            var connection = new MySqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(token);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }, cancellation);
    }

    private static async Task<ServerSettings> ReadSettingsAsync(MySqlConnection connection, CancellationToken cancellation)
    {
        var version = await ScalarAsync(connection, "SELECT @@version", cancellation);
        var format = await ScalarAsync(connection, "SELECT @@binlog_format", cancellation);
        var image = await ScalarAsync(connection, "SELECT @@binlog_row_image", cancellation);
        var isMariaDb = version.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        return new ServerSettings(
            version,
            format,
            image,
            isMariaDb ? null : await ScalarAsync(connection, "SELECT @@gtid_mode", cancellation),
            isMariaDb ? null : await ScalarAsync(connection, "SELECT @@enforce_gtid_consistency", cancellation));
    }

    private static async Task<string> ScalarAsync(MySqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(cancellation), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,32}$")]
    private static partial Regex UserNamePattern();
}
