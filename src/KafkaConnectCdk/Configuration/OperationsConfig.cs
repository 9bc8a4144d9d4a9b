namespace KafkaConnectCdk.Configuration;

/// <summary>Alarms, their thresholds and who is told.</summary>
public sealed record OperationsConfig
{
    /// <summary>E-mail addresses subscribed to the alarm topic (each confirms once).</summary>
    public IReadOnlyList<string> AlarmEmails { get; init; } = [];

    /// <summary>MSK broker data-log disk use, in percent, above which the alarm fires.</summary>
    public int MskDiskUsedPercent { get; init; } = 80;

    /// <summary>Free database storage, in GiB, below which the alarm fires.</summary>
    public int DatabaseFreeStorageGiB { get; init; } = 10;

    /// <summary>Database CPU, in percent, above which the alarm fires (15 minutes sustained).</summary>
    public int DatabaseCpuPercent { get; init; } = 80;

    /// <summary>Debezium's lag behind the binlog (MilliSecondsBehindSource), in seconds, above which the alarm fires (5 minutes sustained).</summary>
    public int SourceLagSeconds { get; init; } = 300;

    /// <summary>How the connector healer restarts failed connectors.</summary>
    public ConnectorHealingConfig Healing { get; init; } = new();
}
