using System.Globalization;
using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Constructs.Operations;

/// <summary>A CloudWatch alarm window: one period's length and how many consecutive periods must breach.</summary>
public sealed record AlarmWindow(int PeriodMinutes, int EvaluationPeriods)
{
    public int TotalMinutes => PeriodMinutes * EvaluationPeriods;
}

/// <summary>
/// When data flow counts as stopped, derived from what Debezium does (pure, so that tests call it directly).
/// </summary>
public static class DataFlowThresholds
{
    /// <summary>Debezium's default connect.keep.alive.interval.ms (BinlogConnectorConfig.java, debezium-connector-binlog v3.2.0.Final).</summary>
    public const int DefaultKeepAliveIntervalMs = 60_000;

    /// <summary>
    /// The binlog client asks the server for a HEARTBEAT event every 0.8 × keep-alive interval
    /// (BinlogStreamingChangeEventSource.heartbeatIntervalFactor, v3.2.0.Final).
    /// </summary>
    public const double ServerHeartbeatFactor = 0.8;

    /// <summary>Heartbeat gaps the canary tolerates before it alarms ("a few heartbeat intervals").</summary>
    public const int MissedHeartbeats = 3;

    /// <summary>
    /// The longest a healthy connector on an idle database goes without a binlog event: Debezium checks whether a
    /// heartbeat is due only when a binlog event arrives (BinlogStreamingChangeEventSource.handleEvent calls
    /// dispatchHeartbeatEvent after every event); on an idle server the next event is the server's HEARTBEAT, so a beat,
    /// and with it the heartbeat row's change event, comes at most heartbeat.interval.ms plus one server heartbeat late.
    /// </summary>
    public static long HeartbeatGapMs(ConnectorDefinition connector)
    {
        var keepAlive = connector.AdditionalConfig.TryGetValue("connect.keep.alive.interval.ms", out var configured)
            && long.TryParse(configured, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : DefaultKeepAliveIntervalMs;
        return connector.HeartbeatIntervalMs + (long)(keepAlive * ServerHeartbeatFactor);
    }

    /// <summary>Debezium's MilliSecondsSinceLastEvent above which a RUNNING connector counts as moving nothing.</summary>
    public static long NoEventsThresholdMs(ConnectorDefinition connector) => MissedHeartbeats * HeartbeatGapMs(connector);

    /// <summary>Half the binlog retention, in milliseconds: the lag at which the retention guard alarms.</summary>
    public static double RetentionGuardLagMs(int binlogRetentionHours) => binlogRetentionHours * 3_600_000d / 2;

    /// <summary>
    /// How long a connector may have no running task before the guard alarms: half the retention, in hourly periods
    /// (CloudWatch allows at most 7 days of evaluation for periods of an hour or more, one day below), rounded down so
    /// that it never alarms later than half; below two hours of retention, one period of half the retention.
    /// </summary>
    public static AlarmWindow NotRunningWindow(int binlogRetentionHours) => binlogRetentionHours < 2
        ? new AlarmWindow(binlogRetentionHours * 30, 1)
        : new AlarmWindow(60, binlogRetentionHours / 2);
}
