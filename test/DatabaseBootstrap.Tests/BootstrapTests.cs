using System.Diagnostics;
using CustomResources;

namespace DatabaseBootstrap.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerCollection
{
    public const string Name = "Test MariaDB";
}

/// <summary>Against a real MariaDB (Debian's mariadb-server), with a stand-in for the RDS configuration procedures.</summary>
[Collection(ServerCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BootstrapTests : IDisposable
{
    private const string Password = "Connector-Pass-7f3a";

    public BootstrapTests()
    {
        if (TestServer.UnavailableReason is null)
        {
            TestServer.Execute("DROP USER IF EXISTS 'cdc_connector'@'%'");
            TestServer.Execute("DELETE FROM mysql.rds_configuration");
            TestServer.Execute("DROP DATABASE IF EXISTS cdc_control");
        }
    }

    public void Dispose()
    {
        if (TestServer.UnavailableReason is null)
        {
            TestServer.Execute("SET GLOBAL binlog_format = 'ROW'");
            RdsProcedures.Restore();
        }
    }

    /// <summary>SHOW GRANTS as a set of privileges; MariaDB reports REPLICATION CLIENT under its newer name BINLOG MONITOR.</summary>
    private static IReadOnlySet<string> Privileges()
    {
        using var connection = TestServer.Open();
        var grants = Bootstrapper.GrantsAsync(connection, "cdc_connector", CancellationToken.None).GetAwaiter().GetResult();
        var global = Assert.Single(grants, grant => grant.Contains(" ON *.* TO ", StringComparison.Ordinal));
        var list = global["GRANT ".Length..global.IndexOf(" ON *.* TO ", StringComparison.Ordinal)];
        return list.Split(", ").Select(privilege => privilege == "BINLOG MONITOR" ? "REPLICATION CLIENT" : privilege).ToHashSet();
    }

    [MariaDbFact]
    public void The_first_run_creates_the_connector_user_with_exactly_debeziums_privileges_and_sets_binlog_retention()
    {
        var output = Requests.Function(Password).OnEvent(Requests.Input(Requests.Event()));

        Assert.Contains("cdc-bootstrap:127.0.0.1:cdc_connector", new StreamReader(output).ReadToEnd(), StringComparison.Ordinal);
        Assert.Equal(new HashSet<string> { "SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "REPLICATION CLIENT", "LOCK TABLES" }, Privileges());
        Assert.Equal("72", TestServer.Scalar("SELECT value FROM mysql.rds_configuration WHERE name = 'binlog retention hours'"));
    }

    [MariaDbFact]
    public void The_connector_user_logs_in_with_the_secrets_password()
    {
        Requests.Function(Password).OnEvent(Requests.Input(Requests.Event()));

        using var connection = new MySqlConnector.MySqlConnection($"Server={TestServer.Host};Port={TestServer.Port};User ID=cdc_connector;Password={Password};SslMode=None");
        connection.Open();
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [MariaDbFact]
    public void A_second_run_changes_nothing_and_succeeds()
    {
        Requests.Function(Password).OnEvent(Requests.Input(Requests.Event()));
        var before = Privileges();

        Requests.Function(Password).OnEvent(Requests.Input(Requests.Event("Update")));

        Assert.Equal(before, Privileges());
        Assert.Equal("1", TestServer.Scalar("SELECT COUNT(*) FROM mysql.user WHERE user = 'cdc_connector'"));
    }

    [MariaDbFact]
    public void A_snapshot_mode_without_data_needs_no_table_locks_and_an_update_revokes_them()
    {
        Requests.Function(Password).OnEvent(Requests.Input(Requests.Event()));
        Requests.Function(Password).OnEvent(Requests.Input(Requests.Event("Update", snapshotMode: "no_data")));

        Assert.Equal(new HashSet<string> { "SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "REPLICATION CLIENT" }, Privileges());
    }

    [MariaDbFact]
    public void A_wrong_binlog_format_fails_naming_the_setting_and_the_fix()
    {
        TestServer.Execute("SET GLOBAL binlog_format = 'STATEMENT'");

        var exception = Assert.Throws<InvalidOperationException>(() => Requests.Function(Password).OnEvent(Requests.Input(Requests.Event())));

        Assert.Equal("The database is not ready for change data capture: binlog_format is STATEMENT, Debezium needs ROW: set binlog_format=ROW in the DB parameter group", exception.Message);
        Assert.Equal("0", TestServer.Scalar("SELECT COUNT(*) FROM mysql.user WHERE user = 'cdc_connector'"));
    }

    [MariaDbFact]
    public void Delete_leaves_the_user_unless_told_to_drop_it()
    {
        Requests.Function(Password).OnEvent(Requests.Input(Requests.Event()));

        Requests.Function(Password).OnEvent(Requests.Input(Requests.Event("Delete")));
        Assert.Equal("1", TestServer.Scalar("SELECT COUNT(*) FROM mysql.user WHERE user = 'cdc_connector'"));

        Requests.Function(Password).OnEvent(Requests.Input(Requests.Event("Delete", dropUser: "true")));
        Assert.Equal("0", TestServer.Scalar("SELECT COUNT(*) FROM mysql.user WHERE user = 'cdc_connector'"));
    }

    /// <summary>Table-level grants of the connector user, as SHOW GRANTS prints them.</summary>
    private static IReadOnlyList<string> TableGrants()
    {
        using var connection = TestServer.Open();
        return [.. Bootstrapper.GrantsAsync(connection, "cdc_connector", CancellationToken.None).GetAwaiter().GetResult().Where(grant => grant.Contains(" ON `", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    private static void AsConnector(string sql)
    {
        using var connection = TestServer.OpenAs("cdc_connector", Password);
        using var command = new MySqlConnector.MySqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    [MariaDbFact]
    public void The_control_tables_are_created_and_the_connector_is_granted_exactly_insert_and_update_on_heartbeats_and_insert_on_signals()
    {
        Requests.Function(Password).OnEvent(Requests.Input(Requests.Event()));

        Assert.Equal(
        [
            "GRANT INSERT ON `cdc_control`.`debezium_signal` TO `cdc_connector`@`%`",
            "GRANT INSERT, UPDATE ON `cdc_control`.`debezium_heartbeat` TO `cdc_connector`@`%`",
        ], TableGrants());
        Assert.Equal("id,type,data", TestServer.Scalar("SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'cdc_control' AND table_name = 'debezium_signal'"));
    }

    /// <summary>
    /// The exact statements the connector user runs: the generated heartbeat.action.query (DatabaseHeartbeatImpl runs it
    /// as database.user, debezium-core v3.2.0.Final) and the incremental snapshot's watermark
    /// as Debezium writes it (InsertWindowCloser / SignalBasedIncrementalSnapshotChangeEventSource, v3.2.0.Final:
    /// <c>INSERT INTO &lt;signal table&gt; VALUES (?, ?, ?)</c>: the id is a UUID plus "-open" or "-close", up to 42
    /// characters, the type "snapshot-window-open"/"-close", the data the SignalMetadata JSON).
    /// </summary>
    [MariaDbFact]
    public void The_connector_user_can_run_its_heartbeat_query_and_write_watermarks_and_nothing_more_on_the_control_tables()
    {
        Requests.Function(Password).OnEvent(Requests.Input(Requests.Event()));
        TestServer.Execute("CREATE TABLE cdc_control.other (id INT PRIMARY KEY)");

        AsConnector(KafkaConnectCdk.Connect.CdcControlTables.HeartbeatQuery("orders-json"));
        AsConnector(KafkaConnectCdk.Connect.CdcControlTables.HeartbeatQuery("orders-json"));
        var window = $"{Guid.NewGuid()}-close";
        Assert.Equal(42, window.Length);
        AsConnector($"INSERT INTO cdc_control.debezium_signal VALUES ('{window}', 'snapshot-window-close', " +
            "'{\"openWindowTimestamp\": \"2026-12-01T22:17:36.123456Z\", \"closeWindowTimestamp\": \"2026-12-01T22:17:37.654321Z\"}')");

        Assert.Equal("1", TestServer.Scalar("SELECT COUNT(*) FROM cdc_control.debezium_heartbeat WHERE connector = 'orders-json'"));
        Assert.Equal("1", TestServer.Scalar("SELECT COUNT(*) FROM cdc_control.debezium_signal"));
        Assert.Contains("command denied", Assert.Throws<MySqlConnector.MySqlException>(() => AsConnector("DELETE FROM cdc_control.debezium_heartbeat")).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("command denied", Assert.Throws<MySqlConnector.MySqlException>(() => AsConnector("UPDATE cdc_control.debezium_signal SET type = 'x'")).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("command denied", Assert.Throws<MySqlConnector.MySqlException>(() => AsConnector("INSERT INTO cdc_control.other VALUES (1)")).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("denied", Assert.Throws<MySqlConnector.MySqlException>(() => AsConnector("DROP TABLE cdc_control.debezium_heartbeat")).Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The operations function's snapshot signal, written as the connector user into the table the bootstrap made, in the
    /// shape Debezium's ExecuteSnapshot reads (AbstractSnapshotSignal: "data-collections", "type"; debezium-core v3.2.0.Final).
    /// </summary>
    [MariaDbFact]
    public void The_operations_function_writes_an_execute_snapshot_signal_with_the_connectors_grants()
    {
        Requests.Function(Password).OnEvent(Requests.Input(Requests.Event()));
        var writer = new ConnectorOperations.MySqlSignalWriter(
            new InMemorySecrets(new() { [Requests.ConnectorArn] = new DatabaseCredentials("cdc_connector", Password) }),
            Requests.ConnectorArn, TestServer.Host, TestServer.Port, MySqlConnector.MySqlSslMode.None);

        var id = writer.ExecuteSnapshotAsync(KafkaConnectCdk.Connect.CdcControlTables.SignalTable, ["test_db.person"], CancellationToken.None).GetAwaiter().GetResult();

        Assert.Equal("execute-snapshot", TestServer.Scalar($"SELECT type FROM cdc_control.debezium_signal WHERE id = '{id}'"));
        var data = System.Text.Json.Nodes.JsonNode.Parse(TestServer.Scalar($"SELECT data FROM cdc_control.debezium_signal WHERE id = '{id}'"))!;
        Assert.Equal(["test_db.person"], data["data-collections"]!.AsArray().Select(table => (string?)table));
        Assert.Equal("incremental", (string?)data["type"]);
        Assert.InRange(id.Length, 1, 42);
    }

    [MariaDbFact]
    public void A_second_run_keeps_the_control_tables_rows()
    {
        Requests.Function(Password).OnEvent(Requests.Input(Requests.Event()));
        AsConnector(KafkaConnectCdk.Connect.CdcControlTables.HeartbeatQuery("orders-json"));

        Requests.Function(Password).OnEvent(Requests.Input(Requests.Event("Update")));

        Assert.Equal("1", TestServer.Scalar("SELECT COUNT(*) FROM cdc_control.debezium_heartbeat"));
    }

    [MariaDbFact]
    public void A_retention_that_does_not_read_back_as_configured_fails_with_the_fix()
    {
        // An instance that caps the retention at 24 hours, whatever is asked.
        RdsProcedures.CapRetentionAt(24);

        var exception = Assert.Throws<InvalidOperationException>(() => Requests.Function(Password).OnEvent(Requests.Input(Requests.Event())));

        Assert.StartsWith("binlog retention hours reads back as 24 after setting 72: the connectors' retention alarms assume 72. Run CALL mysql.rds_set_configuration('binlog retention hours', 72)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("or set database.binlogRetentionHours to what the instance allows", exception.Message, StringComparison.Ordinal);
    }

    [MariaDbFact]
    public void The_retention_is_read_back_through_rds_show_configuration()
    {
        Requests.Function(Password).OnEvent(Requests.Input(Requests.Event(retention: "96")));

        using var connection = TestServer.Open();
        Assert.Equal(96, Bootstrapper.BinlogRetentionHoursAsync(connection, CancellationToken.None).GetAwaiter().GetResult());
    }

    [MariaDbFact]
    public void Logs_never_contain_the_password()
    {
        var log = new StringWriter();
        Requests.Function(Password, log).OnEvent(Requests.Input(Requests.Event()));

        Assert.NotEmpty(log.ToString());
        Assert.DoesNotContain(Password, log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TestServer.Master.Password, log.ToString(), StringComparison.Ordinal);
    }
}

[Trait("Category", "Unit")]
public sealed class BootstrapWithoutServerTests
{
    [Fact]
    public void An_unreachable_server_is_retried_within_the_time_left_then_fails_with_a_clear_reason()
    {
        var stopwatch = Stopwatch.StartNew();

        var exception = Assert.Throws<TimeoutException>(() => Requests.Function("x", budgetSeconds: 3).OnEvent(Requests.Input(Requests.Event(host: "127.0.0.1", port: 1))));

        Assert.StartsWith("the database did not accept a connection within the invocation's 3 s", exception.Message, StringComparison.Ordinal);
        Assert.InRange(stopwatch.Elapsed.TotalSeconds, 2.5, 8);
    }

    [Theory]
    [InlineData("BinlogRetentionHours", "500", "Invalid custom resource event: ResourceProperties.BinlogRetentionHours: '500' is not a whole number from 1 to 168")]
    [InlineData("DatabasePort", "mysql", "Invalid custom resource event: ResourceProperties.DatabasePort: 'mysql' is not a whole number from 1 to 65535")]
    [InlineData("DropUserOnDelete", "yes", "Invalid custom resource event: ResourceProperties.DropUserOnDelete: 'yes' is not true or false")]
    [InlineData("DatabaseHost", "", "Invalid custom resource event: ResourceProperties.DatabaseHost: missing or empty")]
    public void Bad_event_properties_fail_with_the_field_named(string property, string value, string message)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Requests.Event(host: "db.example", port: 3306))!;
        json["ResourceProperties"]![property] = value;

        Assert.Equal(message, Assert.Throws<InvalidEventException>(() => Requests.Function("x").OnEvent(Requests.Input(json.ToJsonString()))).Message);
    }

    [Fact]
    public void A_control_table_name_that_is_not_a_plain_identifier_is_refused_naming_the_field()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Requests.Event(host: "db.example", port: 3306))!;
        json["ResourceProperties"]!["SignalTable"] = "signal; DROP DATABASE x";

        Assert.Equal("Invalid custom resource event: ResourceProperties.SignalTable: 'signal; DROP DATABASE x' is not a plain identifier (lowercase letters, digits, underscores)",
            Assert.Throws<InvalidEventException>(() => Requests.Function("x").OnEvent(Requests.Input(json.ToJsonString()))).Message);
    }

    [Fact]
    public void On_mysql_gtid_mode_off_is_a_problem_naming_the_parameter()
    {
        var problems = ServerSettingsCheck.Problems(new ServerSettings("8.4.10", "ROW", "FULL", "OFF_PERMISSIVE", "ON"));

        Assert.Equal(["gtid_mode is OFF_PERMISSIVE, a Multi-AZ failover needs ON: set gtid-mode=ON in the DB parameter group"], problems);
    }

    [Fact]
    public void On_mysql_with_every_setting_right_there_is_no_problem() =>
        Assert.Empty(ServerSettingsCheck.Problems(new ServerSettings("8.4.10", "ROW", "FULL", "ON", "ON")));

    [Theory]
    [InlineData("initial", true)]
    [InlineData("when_needed", true)]
    [InlineData("no_data", false)]
    [InlineData("never", false)]
    public void Table_locks_are_granted_only_for_snapshot_modes_that_read_data(string mode, bool locks) =>
        Assert.Equal(locks, BootstrapRequest.Parse(Requests.Event(host: "db.example", port: 3306, snapshotMode: mode)).NeedsLockTables);
}

/// <summary>Swaps the stand-in for mysql.rds_set_configuration (scripts/mariadb.sh) for one that caps, and back.</summary>
internal static class RdsProcedures
{
    public static void CapRetentionAt(int hours)
    {
        TestServer.Execute("DROP PROCEDURE IF EXISTS mysql.rds_set_configuration");
        TestServer.Execute($"CREATE PROCEDURE mysql.rds_set_configuration(IN setting VARCHAR(64), IN setting_value INT) REPLACE INTO mysql.rds_configuration VALUES (setting, LEAST(setting_value, {hours}))");
    }

    public static void Restore()
    {
        TestServer.Execute("DROP PROCEDURE IF EXISTS mysql.rds_set_configuration");
        TestServer.Execute("""
            CREATE PROCEDURE mysql.rds_set_configuration(IN setting VARCHAR(64), IN setting_value INT)
            BEGIN
              IF setting <> 'binlog retention hours' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'unknown setting'; END IF;
              IF setting_value > 168 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'binlog retention hours is at most 168'; END IF;
              REPLACE INTO mysql.rds_configuration VALUES (setting, setting_value);
            END
            """);
    }
}
