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
public sealed class BootstrapTests : IDisposable
{
    private const string Password = "Connector-Pass-7f3a";

    public BootstrapTests()
    {
        if (TestServer.UnavailableReason is null)
        {
            TestServer.Execute("DROP USER IF EXISTS 'cdc_connector'@'%'");
            TestServer.Execute("DELETE FROM mysql.rds_configuration");
        }
    }

    public void Dispose()
    {
        if (TestServer.UnavailableReason is null)
        {
            TestServer.Execute("SET GLOBAL binlog_format = 'ROW'");
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
