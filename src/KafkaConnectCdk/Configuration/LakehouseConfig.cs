namespace KafkaConnectCdk.Configuration;

/// <summary>
/// The lakehouse landing: which connectors' tables land in Apache Iceberg on S3 (Glue Data Catalog, Athena), how often
/// the sink commits, how often current state is refreshed from the changelog, and how long history is kept.
/// </summary>
public sealed record LakehouseConfig
{
    public const int MinimumCommitIntervalSeconds = 60;
    public const int MaximumCommitIntervalSeconds = 3600;

    /// <summary>Off unless configured; the shipped cdk.json turns it on for every environment. <c>false</c> removes the lakehouse stack and the sink.</summary>
    public bool Enabled { get; init; }

    /// <summary>Names of the source connectors (connect.connectors[].name) whose tables land. Default: every connector.</summary>
    public IReadOnlyList<string>? Connectors { get; init; }

    /// <summary>The Iceberg sink's iceberg.control.commit.interval-ms, in seconds (sink default 300): how stale the changelog may be.</summary>
    public int CommitIntervalSeconds { get; init; } = 300;

    /// <summary>EventBridge schedule of the current-state refresh (Athena MERGE INTO): <c>rate(N minutes|hours)</c> or <c>cron(...)</c>.</summary>
    public string RefreshSchedule { get; init; } = "rate(15 minutes)";

    /// <summary>Iceberg snapshots older than this are expired by the Glue retention optimizer (time travel reaches this far back).</summary>
    public int SnapshotRetentionDays { get; init; } = 7;

    /// <summary>Snapshots kept regardless of age, so that a quiet table always keeps some history.</summary>
    public int SnapshotsToRetain { get; init; } = 10;

    /// <summary>Files that no snapshot references are deleted after this many days (Glue orphan-file optimizer).</summary>
    public int OrphanFileRetentionDays { get; init; } = 3;

    /// <summary>Days the current-state refresh's execution log is kept (a CloudWatch Logs retention; production needs 365 or more).</summary>
    public int LogRetentionDays { get; init; } = 90;

    /// <summary>Athena query results are deleted after this many days (S3 lifecycle of the results prefix).</summary>
    public int QueryResultRetentionDays { get; init; } = 30;
}
