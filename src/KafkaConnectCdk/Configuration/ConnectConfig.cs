namespace KafkaConnectCdk.Configuration;

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
