namespace KafkaConnectCdk.Configuration;

/// <summary>The MySQL database on RDS that the connectors capture changes from.</summary>
public sealed record DatabaseConfig
{
    /// <summary>MySQL versions this app accepts: the 8.4 LTS line and 8.0 while RDS still supports it.</summary>
    public static readonly IReadOnlyList<string> SupportedMajorVersions = ["8.4", "8.0"];

    public const int MaximumBackupRetentionDays = 35;

    /// <summary>
    /// Full engine version, e.g. 8.4.10: pinned, so automatic minor upgrades are off and an upgrade is a change of this
    /// value. CloudFormation accepts only full versions (its resource schema lists them; "8.4" fails the synth's template
    /// validation with E9006), and with automatic upgrades on the template would soon name a version below the running one.
    /// </summary>
    public string EngineVersion { get; init; } = "8.4.10";

    /// <summary>The major version, e.g. 8.4 (also the parameter group family's suffix).</summary>
    public string MajorVersion => string.Join('.', EngineVersion.Split('.').Take(2));

    /// <summary>Instance class without the <c>db.</c> prefix, e.g. r7g.large.</summary>
    public string InstanceClass { get; init; } = "r7g.large";

    /// <summary>Standby in a second zone. Default: on in production.</summary>
    public bool? MultiAz { get; init; }

    public int AllocatedStorageGiB { get; init; } = 100;

    /// <summary>Storage auto-scaling ceiling, in GiB.</summary>
    public int MaxAllocatedStorageGiB { get; init; } = 1000;

    /// <summary>Automated backups, in days: also what keeps binary logs available (RDS purges them without backups).</summary>
    public int BackupRetentionDays { get; init; } = 7;

    /// <summary>The database created with the instance; the seed's connectors capture test_db.</summary>
    public string DatabaseName { get; init; } = "test_db";

    /// <summary>Enhanced monitoring granularity in seconds (1, 5, 10, 15, 30 or 60).</summary>
    public int MonitoringIntervalSeconds { get; init; } = 60;

    public int LogRetentionDays { get; init; } = 90;

    /// <summary>Hours RDS keeps binary logs (at most 168): at least the longest connector outage you want to survive.</summary>
    public int BinlogRetentionHours { get; init; } = 72;

    /// <summary>Whether deleting the stack drops the connector user (default: the user stays).</summary>
    public bool DropConnectorUserOnDelete { get; init; }
}
