namespace KafkaConnectCdk.Configuration;

/// <summary>The EKS cluster that runs the Strimzi operator and the Kafka Connect workers.</summary>
public sealed record KubernetesConfig
{
    /// <summary>Kubernetes minor version; also selects the kubectl layer, so that the two never disagree.</summary>
    public string Version { get; init; } = "1.35";

    /// <summary>IAM principal (role or user ARN) granted cluster-admin through an EKS access entry.</summary>
    public string AdminPrincipalArn { get; init; } = "";

    /// <summary>CIDRs allowed to reach the public API endpoint. Empty (default): the endpoint is private only.</summary>
    public IReadOnlyList<string> PublicEndpointCidrs { get; init; } = [];

    /// <summary>
    /// Node instance types; Graviton. Default m7g.xlarge: an m7g.large has 1,930m allocatable CPU, of which the per-node
    /// pods and one Connect worker (1 CPU) leave 385m, too little for the operator, CoreDNS and the CloudWatch pods once a
    /// node is lost (the node capacity rule, <see cref="NodeCapacity"/>).
    /// </summary>
    public IReadOnlyList<string> NodeInstanceTypes { get; init; } = ["m7g.xlarge"];

    public int MinNodes { get; init; } = 3;

    public int DesiredNodes { get; init; } = 3;

    public int MaxNodes { get; init; } = 6;

    public int ControlPlaneLogRetentionDays { get; init; } = 90;
}

/// <summary>How connectors are registered: never both at once.</summary>
public static class ConnectorManagementModes
{
    /// <summary>The registrar Lambda registers connectors through the Connect REST API (the default).</summary>
    public const string Rest = Contracts.ManagementModes.Rest;

    /// <summary>KafkaConnector resources, owned and auto-restarted by the Strimzi operator.</summary>
    public const string Strimzi = Contracts.ManagementModes.Strimzi;

    public static readonly IReadOnlyList<string> All = Contracts.ManagementModes.All;
}

/// <summary>The Strimzi KafkaConnect cluster and its connectors.</summary>
public sealed record ConnectConfig
{
    /// <summary>Kafka version of the Connect image; one that Strimzi 1.2.0 supports.</summary>
    public string KafkaVersion { get; init; } = Versions.DefaultConnectKafkaVersion;

    public int Replicas { get; init; } = 3;

    public string ManagementMode { get; init; } = ConnectorManagementModes.Rest;

    public string CpuRequest { get; init; } = "1";

    public string CpuLimit { get; init; } = "2";

    /// <summary>Memory request and limit (equal, so that the JVM is never OOM-killed for using what it was promised).</summary>
    public string Memory { get; init; } = "4Gi";

    /// <summary>JVM heap (-Xms and -Xmx), leaving room below <see cref="Memory"/> for metaspace and buffers.</summary>
    public string Heap { get; init; } = "3g";

    /// <summary>Restarts the Strimzi operator attempts for a failed connector (strimzi mode) before leaving it failed.</summary>
    public int MaxAutoRestarts { get; init; } = 10;

    public IReadOnlyList<ConnectorDefinition> Connectors { get; init; } = [];
}

/// <summary>Value formats a connector can write.</summary>
public static class ConnectorFormats
{
    /// <summary>Kafka's JsonConverter with embedded schemas, the worker default.</summary>
    public const string Json = "json";

    /// <summary>Avro through the AWS Glue Schema Registry converter.</summary>
    public const string Avro = "avro";

    public static readonly IReadOnlyList<string> All = [Json, Avro];
}

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
