using System.Text.Json.Serialization;

namespace KafkaConnectCdk.Connect.Strimzi;

// Records shaped like Strimzi's kafka.strimzi.io/v1 schema (and the core Kubernetes types nested in its spec). Only the
// fields this app sets are modelled; null fields are left out of the manifest. Tests validate the serialized
// manifests against the Strimzi 1.2.0 CRDs.

public sealed record ObjectMeta(
    string Name,
    string Namespace,
    IReadOnlyDictionary<string, string>? Labels = null,
    IReadOnlyDictionary<string, string>? Annotations = null);

public sealed record KafkaConnectResource(ObjectMeta Metadata, KafkaConnectSpec Spec)
{
    public string ApiVersion => "kafka.strimzi.io/v1";

    public string Kind => "KafkaConnect";
}

public sealed record KafkaConnectSpec
{
    public required string Version { get; init; }

    public required int Replicas { get; init; }

    public required string Image { get; init; }

    public required string BootstrapServers { get; init; }

    public required string GroupId { get; init; }

    public required string ConfigStorageTopic { get; init; }

    public required string OffsetStorageTopic { get; init; }

    public required string StatusStorageTopic { get; init; }

    public required ClientTls Tls { get; init; }

    public required CustomAuthentication Authentication { get; init; }

    public required IReadOnlyDictionary<string, string> Config { get; init; }

    public required ResourceRequirements Resources { get; init; }

    public required JvmOptions JvmOptions { get; init; }

    public required Rack Rack { get; init; }

    public required MetricsConfig MetricsConfig { get; init; }

    public required KafkaConnectTemplate Template { get; init; }
}

/// <summary>TLS to the brokers; no extra CAs because MSK presents publicly trusted certificates.</summary>
public sealed record ClientTls(IReadOnlyList<object> TrustedCertificates);

public sealed record CustomAuthentication(IReadOnlyDictionary<string, string> Config)
{
    public string Type => "custom";

    public bool Sasl => true;
}

public sealed record ResourceRequirements(IReadOnlyDictionary<string, string> Requests, IReadOnlyDictionary<string, string> Limits);

public sealed record JvmOptions(
    [property: JsonPropertyName("-Xms")] string InitialHeap,
    [property: JsonPropertyName("-Xmx")] string MaximumHeap);

public sealed record Rack(string TopologyKey)
{
    public string Type => "topology-label";
}

public sealed record MetricsConfig(MetricsValueFrom ValueFrom)
{
    public string Type => "jmxPrometheusExporter";
}

public sealed record MetricsValueFrom(ConfigMapKeySelector ConfigMapKeyRef);

public sealed record ConfigMapKeySelector(string Name, string Key);

public sealed record KafkaConnectTemplate(PodTemplate Pod, ContainerTemplate ConnectContainer, PodDisruptionBudgetTemplate PodDisruptionBudget);

public sealed record PodTemplate(IReadOnlyList<TopologySpreadConstraint> TopologySpreadConstraints, IReadOnlyList<PodVolume> Volumes);

public sealed record TopologySpreadConstraint(int MaxSkew, string TopologyKey, string WhenUnsatisfiable, LabelSelector LabelSelector);

public sealed record LabelSelector(IReadOnlyDictionary<string, string> MatchLabels);

public sealed record PodVolume(string Name, CsiVolume Csi);

public sealed record CsiVolume(string Driver, bool ReadOnly, IReadOnlyDictionary<string, string> VolumeAttributes);

public sealed record ContainerTemplate(IReadOnlyList<VolumeMount> VolumeMounts);

public sealed record VolumeMount(string Name, string MountPath, bool ReadOnly);

public sealed record PodDisruptionBudgetTemplate(int MaxUnavailable);

public sealed record KafkaConnectorResource(ObjectMeta Metadata, KafkaConnectorSpec Spec)
{
    public string ApiVersion => "kafka.strimzi.io/v1";

    public string Kind => "KafkaConnector";
}

public sealed record KafkaConnectorSpec(
    [property: JsonPropertyName("class")] string ConnectorClass,
    int TasksMax,
    IReadOnlyDictionary<string, string> Config,
    string State,
    AutoRestart AutoRestart);

public sealed record AutoRestart(bool Enabled, int MaxRestarts);
