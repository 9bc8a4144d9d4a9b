namespace KafkaConnectCdk.Contracts;

/// <summary>The properties of a <c>Custom::CdcDatabaseBootstrap</c> resource (CdcReadiness writes them, the bootstrap parses them).</summary>
public static class DatabaseBootstrapProperties
{
    public const string ResourceType = "Custom::CdcDatabaseBootstrap";
    public const string DatabaseHost = "DatabaseHost";
    public const string DatabasePort = "DatabasePort";
    public const string MasterSecretArn = "MasterSecretArn";
    public const string ConnectorSecretArn = "ConnectorSecretArn";
    public const string BinlogRetentionHours = "BinlogRetentionHours";
    public const string SnapshotMode = "SnapshotMode";
    public const string DropUserOnDelete = "DropUserOnDelete";
    public const string ControlDatabase = "ControlDatabase";
    public const string HeartbeatTable = "HeartbeatTable";
    public const string SignalTable = "SignalTable";
}
