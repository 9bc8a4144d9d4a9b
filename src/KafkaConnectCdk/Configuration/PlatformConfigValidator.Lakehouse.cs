using System.Text.RegularExpressions;

namespace KafkaConnectCdk.Configuration;

public static partial class PlatformConfigValidator
{
    /// <summary>Snapshots, orphan files and query results are kept at most ten years.</summary>
    public const int MaximumLakehouseRetentionDays = 3650;

    /// <summary>Every retained snapshot keeps its metadata and files: a thousand is already years of commits.</summary>
    public const int MaximumSnapshotsToRetain = 1000;
    private static void ValidateLakehouse(EnvironmentConfig environment, string path, List<ConfigurationError> errors)
    {
        var lakehouse = environment.Lakehouse;
        if (!lakehouse.Enabled)
        {
            return;
        }

        var known = environment.Connect.Connectors.Select(connector => connector.Name).ToList();
        if (lakehouse.Connectors is { } names)
        {
            foreach (var name in names.Where(name => !known.Contains(name)))
            {
                errors.Add(new($"{path}.connectors", $"'{name}' is not a connector of this environment", $"name connectors from connect.connectors ({string.Join(", ", known)}), or leave the key out to land every connector's tables"));
            }

            foreach (var duplicate in names.GroupBy(name => name).Where(group => group.Count() > 1))
            {
                errors.Add(new($"{path}.connectors", $"'{duplicate.Key}' is listed {duplicate.Count()} times", "list each connector once"));
            }
        }

        if ((lakehouse.Connectors?.Count ?? known.Count) == 0)
        {
            errors.Add(new($"{path}.connectors", "no connector's tables land", "name at least one connector, or set lakehouse.enabled to false"));
        }

        if (lakehouse.CommitIntervalSeconds is < LakehouseConfig.MinimumCommitIntervalSeconds or > LakehouseConfig.MaximumCommitIntervalSeconds)
        {
            errors.Add(new($"{path}.commitIntervalSeconds", $"{lakehouse.CommitIntervalSeconds} is outside {LakehouseConfig.MinimumCommitIntervalSeconds} to {LakehouseConfig.MaximumCommitIntervalSeconds}", "commit every few minutes (the sink's default is 300): shorter makes many small files, longer makes the changelog stale"));
        }

        if (!RatePattern().IsMatch(lakehouse.RefreshSchedule) && !CronPattern().IsMatch(lakehouse.RefreshSchedule))
        {
            errors.Add(new($"{path}.refreshSchedule", $"'{lakehouse.RefreshSchedule}' is not an EventBridge schedule expression", "use rate(15 minutes), rate(1 hour) or cron(0/30 * * * ? *)"));
        }
        else if (RatePattern().Match(lakehouse.RefreshSchedule) is { Success: true } rate && RateSeconds(rate) < lakehouse.CommitIntervalSeconds)
        {
            errors.Add(new($"{path}.refreshSchedule", $"'{lakehouse.RefreshSchedule}' refreshes more often than the sink commits (every {lakehouse.CommitIntervalSeconds} s)", "refresh at most once per commit interval; more often only repeats the same MERGE"));
        }

        ValidateRetention(lakehouse.LogRetentionDays, $"{path}.logRetentionDays", errors);

        if (lakehouse.SnapshotRetentionDays is < 1 or > MaximumLakehouseRetentionDays)
        {
            errors.Add(new($"{path}.snapshotRetentionDays", $"{lakehouse.SnapshotRetentionDays} is outside 1 to {MaximumLakehouseRetentionDays}", "keep snapshots as long as time travel must reach back, e.g. 7"));
        }

        if (lakehouse.SnapshotsToRetain is < 1 or > MaximumSnapshotsToRetain)
        {
            errors.Add(new($"{path}.snapshotsToRetain", $"{lakehouse.SnapshotsToRetain} is outside 1 to {MaximumSnapshotsToRetain}", "keep a few snapshots regardless of age, e.g. 10"));
        }

        if (lakehouse.OrphanFileRetentionDays is < 1 or > MaximumLakehouseRetentionDays)
        {
            errors.Add(new($"{path}.orphanFileRetentionDays", $"{lakehouse.OrphanFileRetentionDays} is outside 1 to {MaximumLakehouseRetentionDays}", "Glue deletes unreferenced files no younger than 1 day; use e.g. 3"));
        }

        if (lakehouse.QueryResultRetentionDays is < 1 or > MaximumLakehouseRetentionDays)
        {
            errors.Add(new($"{path}.queryResultRetentionDays", $"{lakehouse.QueryResultRetentionDays} is outside 1 to {MaximumLakehouseRetentionDays}", "keep Athena results as long as users re-read them, e.g. 30"));
        }
    }

    private static int RateSeconds(Match rate)
    {
        var amount = int.Parse(rate.Groups["amount"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return rate.Groups["unit"].Value.TrimEnd('s') switch
        {
            "minute" => amount * 60,
            "hour" => amount * 3600,
            _ => amount * 86400,
        };
    }

    [GeneratedRegex(@"^rate\((?<amount>[1-9][0-9]*) (?<unit>minutes?|hours?|days?)\)$")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$")]
    private static partial Regex CronPattern();
}
