using System.Net;
using System.Text.RegularExpressions;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Configuration;

public static partial class PlatformConfigValidator
{
    /// <summary>RDS for MySQL gp3 storage: 20 GiB to 64 TiB.</summary>
    public const int MinimumAllocatedStorageGiB = 20;

    public const int MaximumAllocatedStorageGiB = 65536;

    /// <summary>RDS's mysql.rds_set_configuration accepts at most 168 hours (7 days) of binlog retention.</summary>
    public const int MaximumBinlogRetentionHours = 168;
    private static void ValidateDatabase(EnvironmentConfig environment, string path, List<ConfigurationError> errors)
    {
        var database = environment.Database;
        if (!EngineVersionPattern().IsMatch(database.EngineVersion) || !DatabaseConfig.SupportedMajorVersions.Contains(database.MajorVersion))
        {
            errors.Add(new($"{path}.engineVersion", $"'{database.EngineVersion}' is not a supported MySQL version", $"use a full version of {string.Join(" or ", DatabaseConfig.SupportedMajorVersions)}, e.g. 8.4.10 (pinned: upgrade by changing it)"));
        }

        if (database.InstanceClass.StartsWith("db.", StringComparison.Ordinal))
        {
            errors.Add(new($"{path}.instanceClass", $"'{database.InstanceClass}' carries the db. prefix", $"write it without the prefix: {database.InstanceClass[3..]}"));
        }
        else if (!InstanceClassPattern().IsMatch(database.InstanceClass))
        {
            errors.Add(new($"{path}.instanceClass", $"'{database.InstanceClass}' is not an instance class", "use a name such as r7g.large or t4g.medium"));
        }

        if (environment.Production && !environment.DatabaseMultiAz)
        {
            errors.Add(new($"{path}.multiAz", "a production database without a standby", "remove multiAz or set it to true: a zone outage must not stop change capture"));
        }

        if (database.AllocatedStorageGiB is < MinimumAllocatedStorageGiB or > MaximumAllocatedStorageGiB)
        {
            errors.Add(new($"{path}.allocatedStorageGiB", $"{database.AllocatedStorageGiB} GiB is outside RDS's {MinimumAllocatedStorageGiB} to {MaximumAllocatedStorageGiB}", "choose a size in that range"));
        }

        if (database.MaxAllocatedStorageGiB < database.AllocatedStorageGiB || database.MaxAllocatedStorageGiB > MaximumAllocatedStorageGiB)
        {
            errors.Add(new($"{path}.maxAllocatedStorageGiB", $"{database.MaxAllocatedStorageGiB} GiB is outside {database.AllocatedStorageGiB} (the allocated storage) to {MaximumAllocatedStorageGiB}", "set the auto-scaling ceiling at or above allocatedStorageGiB"));
        }

        if (database.BackupRetentionDays is < 1 or > DatabaseConfig.MaximumBackupRetentionDays)
        {
            errors.Add(new($"{path}.backupRetentionDays", $"{database.BackupRetentionDays} days is outside 1 to {DatabaseConfig.MaximumBackupRetentionDays}", "RDS keeps binary logs only while automated backups are on: use 1 to 35 days"));
        }

        if (!DatabaseNamePattern().IsMatch(database.DatabaseName))
        {
            errors.Add(new($"{path}.databaseName", $"'{database.DatabaseName}' is not a MySQL database name RDS accepts", "use 1 to 64 letters, digits or underscores, starting with a letter"));
        }

        if (database.MonitoringIntervalSeconds is not (1 or 5 or 10 or 15 or 30 or 60))
        {
            errors.Add(new($"{path}.monitoringIntervalSeconds", $"{database.MonitoringIntervalSeconds} is not an enhanced monitoring interval", "use 1, 5, 10, 15, 30 or 60"));
        }

        ValidateRetention(database.LogRetentionDays, $"{path}.logRetentionDays", errors);

        if (database.BinlogRetentionHours is < 1 or > MaximumBinlogRetentionHours)
        {
            errors.Add(new($"{path}.binlogRetentionHours", $"{database.BinlogRetentionHours} hours is outside RDS's 1 to {MaximumBinlogRetentionHours}", "keep binary logs at least as long as the longest connector outage you want to recover from, e.g. 72"));
        }
    }

    [GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+$")]
    private static partial Regex EngineVersionPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9]*\.[a-z0-9]+$")]
    private static partial Regex InstanceClassPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex DatabaseNamePattern();
}
