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

/// <summary>The AWS Glue Schema Registry that the Avro and JSON Schema converters register schemas in.</summary>
public sealed record SchemaRegistryConfig
{
    public static readonly IReadOnlyList<string> CompatibilityModes =
        ["NONE", "DISABLED", "BACKWARD", "BACKWARD_ALL", "FORWARD", "FORWARD_ALL", "FULL", "FULL_ALL"];

    public static readonly IReadOnlyList<string> DataFormats = ["AVRO", "JSON", "PROTOBUF"];

    /// <summary>Appended to the registry name for the registry of key schemas (keys and values are both named after their topic).</summary>
    public const string KeyRegistrySuffix = "-keys";

    /// <summary>Whether the environment has a registry; Avro connectors need one.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Name of the value schemas' registry; the key schemas' registry is this name + <see cref="KeyRegistrySuffix"/>. Default: <c>&lt;project&gt;-&lt;environment&gt;</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Compatibility of schemas the connectors register, BACKWARD as in the seed's schema-evolution tests.</summary>
    public string Compatibility { get; init; } = "BACKWARD";

    /// <summary>Schemas declared ahead of the connectors (optional).</summary>
    public IReadOnlyList<DeclaredSchemaConfig> Schemas { get; init; } = [];
}

/// <summary>A schema created with the registry instead of auto-registered by a converter.</summary>
public sealed record DeclaredSchemaConfig
{
    /// <summary>The schema name: the topic, as the converters name schemas (aws-glue-schema-registry AWSSchemaNamingStrategyDefaultImpl).</summary>
    public string Name { get; init; } = "";

    /// <summary>Whether this is a key schema, created in the keys registry; default false (a value schema).</summary>
    public bool Key { get; init; }

    public string DataFormat { get; init; } = "AVRO";

    /// <summary>Compatibility of this schema. Default: the registry's.</summary>
    public string? Compatibility { get; init; }

    /// <summary>The first version's definition (Avro JSON, JSON Schema or Protobuf text).</summary>
    public string Definition { get; init; } = "";
}
