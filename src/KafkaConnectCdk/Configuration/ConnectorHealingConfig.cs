namespace KafkaConnectCdk.Configuration;

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
