namespace KafkaConnectCdk.Configuration;

/// <summary>The Amazon MSK provisioned cluster.</summary>
public sealed record MskConfig
{
    /// <summary>MSK versions this app accepts: supported by MSK and not past their end of support (KRaft for 4.x).</summary>
    public static readonly IReadOnlyList<string> SupportedKafkaVersions =
        ["3.8.x", "3.8.x.kraft", "3.9.x", "3.9.x.kraft", "4.0.x.kraft", "4.1.x.kraft"];

    public string KafkaVersion { get; init; } = "3.9.x.kraft";

    /// <summary>Brokers in total; a multiple of the zone count so that every zone holds the same number.</summary>
    public int BrokerCount { get; init; } = 3;

    public string BrokerInstanceType { get; init; } = "kafka.m7g.large";

    /// <summary>Initial EBS volume per broker, in GiB.</summary>
    public int VolumeSizeGiB { get; init; } = 100;

    /// <summary>Storage auto-scaling grows each volume up to this size, in GiB.</summary>
    public int MaxVolumeSizeGiB { get; init; } = 1000;

    /// <summary>Disk utilization, in percent, that storage auto-scaling keeps the brokers at.</summary>
    public int StorageTargetUtilizationPercent { get; init; } = 60;

    /// <summary>Default topic retention (log.retention.hours), in hours.</summary>
    public int TopicRetentionHours { get; init; } = 168;

    /// <summary>Retention of the broker log group, in days.</summary>
    public int BrokerLogRetentionDays { get; init; } = 90;
}
