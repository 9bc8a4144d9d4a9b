namespace KafkaConnectCdk.Configuration;

/// <summary>One Debezium MySQL source connector.</summary>
public sealed record ConnectorDefinition
{
    public static readonly IReadOnlyList<string> SnapshotModes =
        ["initial", "initial_only", "when_needed", "no_data", "never", "recovery", "always", "configuration_based"];

    /// <summary>Snapshot modes that read no table data: the connector user then needs no LOCK TABLES.</summary>
    public static readonly IReadOnlyList<string> ModesWithoutDataSnapshot = ["no_data", "never", "recovery"];

    /// <summary>Connector name (Kafka Connect and Kubernetes name).</summary>
    public string Name { get; init; } = "";

    /// <summary>Prefix of every topic the connector writes (Debezium's topic.prefix).</summary>
    public string TopicPrefix { get; init; } = "";

    public IReadOnlyList<string> Databases { get; init; } = [];

    /// <summary>Tables as database.table.</summary>
    public IReadOnlyList<string> Tables { get; init; } = [];

    public string Format { get; init; } = ConnectorFormats.Json;

    public string SnapshotMode { get; init; } = "initial";

    /// <summary>Compatibility for the schemas this connector registers (avro). Default: the registry's.</summary>
    public string? Compatibility { get; init; }

    /// <summary>MySQL replication client id. Default: derived from environment and connector name.</summary>
    public long? ServerId { get; init; }

    /// <summary>Heartbeat interval, so that offsets advance on quiet tables and binlogs can be purged safely.</summary>
    public int HeartbeatIntervalMs { get; init; } = 10000;

    /// <summary>
    /// Further Debezium settings, applied over the generated ones. Secret values must be config-provider references
    /// (<c>${dir:...}</c>, <c>${env:...}</c>, ...), never literals.
    /// </summary>
    public IReadOnlyDictionary<string, string> AdditionalConfig { get; init; } = new Dictionary<string, string>();
}
