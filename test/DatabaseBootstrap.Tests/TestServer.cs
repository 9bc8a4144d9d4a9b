using CustomResources;
using MySqlConnector;

namespace DatabaseBootstrap.Tests;

/// <summary>The shared test MariaDB (test/TestMariaDb) with the bootstrap's credential type.</summary>
public static class TestServer
{
    public static string? UnavailableReason => MariaDbServer.UnavailableReason;

    public static string Host => MariaDbServer.Host;

    public static int Port => MariaDbServer.Port;

    public static DatabaseCredentials Master => new(MariaDbServer.User, MariaDbServer.Password);

    public static MySqlConnection Open() => MariaDbServer.Open();

    public static void Execute(string sql) => MariaDbServer.Execute(sql);

    /// <summary>A connection as another user (the connector), to prove what its grants allow.</summary>
    public static MySqlConnection OpenAs(string user, string password) => MariaDbServer.Open(user, password);

    public static string Scalar(string sql) => MariaDbServer.Scalar(sql);
}

public sealed class InMemorySecrets(Dictionary<string, DatabaseCredentials> secrets) : ISecretSource
{
    public Task<DatabaseCredentials> GetAsync(string secretArn, CancellationToken cancellation) =>
        secrets.TryGetValue(secretArn, out var credentials) ? Task.FromResult(credentials) : throw new InvalidOperationException($"no secret {secretArn}");
}

public static class Requests
{
    public const string MasterArn = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:kcc-dev/mysql/master-AbCdEf";
    public const string ConnectorArn = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:kcc-dev/mysql/connector-GhIjKl";

    public static string Event(string requestType = "Create", string? host = null, int? port = null, string snapshotMode = "initial", string retention = "72", string dropUser = "false") => $$"""
        {
          "RequestType": "{{requestType}}",
          "ServiceToken": "arn:aws:lambda:eu-west-1:111111111111:function:kcc-dev-database-BootstrapProviderframeworkonEvent",
          "ResponseURL": "https://cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com/arn%3Aaws%3Acloudformation",
          "StackId": "arn:aws:cloudformation:eu-west-1:111111111111:stack/kcc-dev-database/5b4e1a40-0000-11ef-9a3c-0a1b2c3d4e5f",
          "RequestId": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
          "LogicalResourceId": "MysqlBootstrapCdcReady1A2B3C4D",
          {{(requestType == "Create" ? "" : "\"PhysicalResourceId\": \"cdc-bootstrap:127.0.0.1:cdc_connector\",")}}
          "ResourceType": "Custom::CdcDatabaseBootstrap",
          "ResourceProperties": {
            "ServiceToken": "arn:aws:lambda:eu-west-1:111111111111:function:kcc-dev-database-BootstrapProviderframeworkonEvent",
            "DatabaseHost": "{{host ?? TestServer.Host}}",
            "DatabasePort": "{{port ?? TestServer.Port}}",
            "MasterSecretArn": "{{MasterArn}}",
            "ConnectorSecretArn": "{{ConnectorArn}}",
            "BinlogRetentionHours": "{{retention}}",
            "SnapshotMode": "{{snapshotMode}}",
            "DropUserOnDelete": "{{dropUser}}",
            "ControlDatabase": "{{KafkaConnectCdk.Connect.CdcControlTables.Database}}",
            "HeartbeatTable": "{{KafkaConnectCdk.Connect.CdcControlTables.HeartbeatTableName}}",
            "SignalTable": "{{KafkaConnectCdk.Connect.CdcControlTables.SignalTableName}}"
          }
        }
        """;

    public static Function Function(string connectorPassword, StringWriter? log = null, double budgetSeconds = 30) => new(
        new InMemorySecrets(new()
        {
            [MasterArn] = TestServer.UnavailableReason is null ? TestServer.Master : new DatabaseCredentials("cdc_admin", "unused"),
            [ConnectorArn] = new DatabaseCredentials("cdc_connector", connectorPassword),
        }),
        new StructuredLog(log ?? TextWriter.Null),
        // Test-only: the throwaway server has no TLS certificate. Production builds the Function with SslMode Required.
        MySqlSslMode.None,
        TimeSpan.FromSeconds(budgetSeconds),
        TimeSpan.FromMilliseconds(100));

    public static Stream Input(string json) => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
}
