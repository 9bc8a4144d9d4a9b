using CustomResources;

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
    bool DropUserOnDelete)
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
            EventFields.RequiredString(properties, "DatabaseHost", path),
            EventFields.RequiredInt(properties, "DatabasePort", path, 1, 65535),
            EventFields.RequiredString(properties, "MasterSecretArn", path),
            EventFields.RequiredString(properties, "ConnectorSecretArn", path),
            EventFields.RequiredInt(properties, "BinlogRetentionHours", path, 1, MaximumBinlogRetentionHours),
            EventFields.RequiredString(properties, "SnapshotMode", path),
            EventFields.OptionalBool(properties, "DropUserOnDelete", path));
    }
}

public sealed record DatabaseCredentials(string Username, string Password);
