using CustomResources;
using KafkaConnectCdk.Contracts;

namespace DatabaseBootstrap;

/// <summary>What the database stack asks for; CloudFormation sends every value as a string.</summary>
public sealed record BootstrapRequest(
    string RequestType,
    string? PhysicalResourceId,
    string DatabaseHost,
    int DatabasePort,
    string MasterSecretArn,
    string ConnectorSecretArn,
    int BinlogRetentionHours,
    string SnapshotMode,
    bool DropUserOnDelete,
    ControlTables Control)
{
    /// <summary>RDS for MySQL keeps binary logs at most 168 hours.</summary>
    public const int MaximumBinlogRetentionHours = 168;

    /// <summary>Snapshot modes that read no table data, and so need no table locks.</summary>
    public static readonly IReadOnlyList<string> ModesWithoutDataSnapshot = ["no_data", "never", "recovery"];

    /// <summary>RDS does not allow FLUSH TABLES WITH READ LOCK: snapshots lock the captured tables instead.</summary>
    public bool NeedsLockTables => !ModesWithoutDataSnapshot.Contains(SnapshotMode);

    public static BootstrapRequest Parse(string json)
    {
        using var document = EventFields.ParseDocument(json);
        var root = document.RootElement;
        var requestType = EventFields.RequestType(root);
        var properties = EventFields.RequiredObject(root, "ResourceProperties");
        const string path = "ResourceProperties";
        return new BootstrapRequest(
            requestType,
            EventFields.OptionalString(root, "PhysicalResourceId", "event"),
            EventFields.RequiredString(properties, DatabaseBootstrapProperties.DatabaseHost, path),
            EventFields.RequiredInt(properties, DatabaseBootstrapProperties.DatabasePort, path, 1, 65535),
            EventFields.RequiredString(properties, DatabaseBootstrapProperties.MasterSecretArn, path),
            EventFields.RequiredString(properties, DatabaseBootstrapProperties.ConnectorSecretArn, path),
            EventFields.RequiredInt(properties, DatabaseBootstrapProperties.BinlogRetentionHours, path, 1, MaximumBinlogRetentionHours),
            EventFields.RequiredString(properties, DatabaseBootstrapProperties.SnapshotMode, path),
            EventFields.OptionalBool(properties, DatabaseBootstrapProperties.DropUserOnDelete, path),
            new ControlTables(
                Identifier(properties, DatabaseBootstrapProperties.ControlDatabase, path),
                Identifier(properties, DatabaseBootstrapProperties.HeartbeatTable, path),
                Identifier(properties, DatabaseBootstrapProperties.SignalTable, path)));
    }

    /// <summary>A plain MySQL identifier, so that it can be written into DDL and grants unquoted.</summary>
    private static string Identifier(System.Text.Json.JsonElement properties, string name, string path)
    {
        var value = EventFields.RequiredString(properties, name, path);
        return System.Text.RegularExpressions.Regex.IsMatch(value, "^[a-z_][a-z0-9_]{0,63}$")
            ? value
            : throw new InvalidEventException($"{path}.{name}", $"'{value}' is not a plain identifier (lowercase letters, digits, underscores)");
    }
}

/// <summary>The database holding the heartbeat and signal tables every connector captures (names from the CDK app).</summary>
public sealed record ControlTables(string Database, string HeartbeatTable, string SignalTable)
{
    public string Heartbeat => $"{Database}.{HeartbeatTable}";

    public string Signal => $"{Database}.{SignalTable}";

    /// <summary>
    /// What the connector user does with each table, and so exactly what it is granted: it upserts its heartbeat row
    /// (heartbeat.action.query, INSERT ... ON DUPLICATE KEY UPDATE), and Debezium's incremental snapshot writes its
    /// open and close watermarks into the signal table with plain INSERTs (SignalBasedIncrementalSnapshotChangeEventSource,
    /// default watermarking strategy insert_insert, debezium-core v3.2.0.Final). Reading is the global SELECT.
    /// </summary>
    public IReadOnlyList<(string Table, string Privileges)> ConnectorGrants => [(Heartbeat, "INSERT, UPDATE"), (Signal, "INSERT")];
}

