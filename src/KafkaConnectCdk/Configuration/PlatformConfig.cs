using System.Text.Json.Serialization;

namespace KafkaConnectCdk.Configuration;

/// <summary>The whole deployment, as read from the <c>platform</c> context key of cdk.json.</summary>
public sealed record PlatformConfig
{
    /// <summary>Short prefix of every stack and resource name, e.g. <c>kcc</c> gives <c>kcc-dev-network</c>.</summary>
    public string Project { get; init; } = "kcc";

    /// <summary>The environments the platform is deployed to, in promotion order (dev before prod).</summary>
    public IReadOnlyList<EnvironmentConfig> Environments { get; init; } = [];

    /// <summary>The delivery pipeline; required only when synthesizing with <c>-c delivery=pipeline</c>.</summary>
    public PipelineConfig? Pipeline { get; init; }
}

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

public sealed record NetworkConfig
{
    public const int DefaultAvailabilityZoneCount = 3;

    /// <summary>IPv4 CIDR of the VPC, a private (RFC 1918) range from /16 to /24.</summary>
    public string Cidr { get; init; } = "10.0.0.0/16";

    /// <summary>
    /// Availability zone names. Default: the region's zones a, b and c. Named explicitly so that synth needs no
    /// account lookups (the zones of a region are otherwise read from the account at synth time).
    /// </summary>
    public IReadOnlyList<string>? AvailabilityZones { get; init; }

    /// <summary>NAT gateways. Default: one per AZ in production (no cross-AZ egress dependency), one elsewhere.</summary>
    public int? NatGateways { get; init; }

    /// <summary>Interface endpoints for ECR, STS, CloudWatch Logs, Secrets Manager and Glue, so that this traffic stays off NAT.</summary>
    public bool InterfaceEndpoints { get; init; } = true;

    /// <summary>Retention of the VPC flow log group, in days; one of the values CloudWatch Logs accepts.</summary>
    public int FlowLogRetentionDays { get; init; } = 365;
}
