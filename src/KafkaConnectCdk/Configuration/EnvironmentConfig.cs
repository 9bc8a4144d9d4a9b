using System.Text.Json.Serialization;

namespace KafkaConnectCdk.Configuration;

/// <summary>One AWS account and region running a complete copy of the platform.</summary>
public sealed record EnvironmentConfig
{
    public string Name { get; init; } = "";

    /// <summary>12-digit AWS account id.</summary>
    public string Account { get; init; } = "";

    public string Region { get; init; } = "";

    /// <summary>Production environments must be highly available: validation enforces three AZs and one NAT gateway per AZ.</summary>
    public bool Production { get; init; }

    public NetworkConfig Network { get; init; } = new();

    public MskConfig Msk { get; init; } = new();

    public DatabaseConfig Database { get; init; } = new();

    public SchemaRegistryConfig SchemaRegistry { get; init; } = new();

    public KubernetesConfig Kubernetes { get; init; } = new();

    public ConnectConfig Connect { get; init; } = new();

    public OperationsConfig Operations { get; init; } = new();

    public LakehouseConfig Lakehouse { get; init; } = new();

    /// <summary>Tags applied to every resource of the environment, in addition to Project and Environment.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The zones the VPC spans: the configured names, or the region's zones a, b, c, ... .</summary>
    [JsonIgnore]
    public IReadOnlyList<string> AvailabilityZoneNames =>
        Network.AvailabilityZones
        ?? [.. Enumerable.Range(0, NetworkConfig.DefaultAvailabilityZoneCount).Select(index => $"{Region}{(char)('a' + index)}")];

    [JsonIgnore]
    public bool DatabaseMultiAz => Database.MultiAz ?? Production;

    [JsonIgnore]
    public int NatGatewayCount => Network.NatGateways ?? (Production ? AvailabilityZoneNames.Count : 1);
}
