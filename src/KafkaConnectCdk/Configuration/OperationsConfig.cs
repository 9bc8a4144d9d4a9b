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

/// <summary>
/// The connector healer's restart policy (rest management mode; in strimzi mode Strimzi's auto-restart restarts and
/// the healer only reports). A failed connector is restarted at once, then after the first backoff, doubling up to
/// the maximum, and never more often than the hourly cap; the cap's alarm then calls an operator.
/// </summary>
public sealed record ConnectorHealingConfig
{
    public int MaxRestartsPerHour { get; init; } = 6;

    public int FirstBackoffSeconds { get; init; } = 60;

    public int MaxBackoffSeconds { get; init; } = 1800;

    /// <summary>How long a connector must run after a restart before its backoff starts again from nothing.</summary>
    public int StableAfterSeconds { get; init; } = 600;
}
