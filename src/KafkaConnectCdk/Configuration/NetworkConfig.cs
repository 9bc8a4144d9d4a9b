using System.Text.Json.Serialization;

namespace KafkaConnectCdk.Configuration;

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
