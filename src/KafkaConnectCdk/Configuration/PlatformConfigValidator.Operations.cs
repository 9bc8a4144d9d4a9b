using System.Text.RegularExpressions;
using KafkaConnectCdk.Connect;

namespace KafkaConnectCdk.Configuration;

public static partial class PlatformConfigValidator
{
    public const int MinimumMskDiskUsedPercent = 50;

    /// <summary>Above 95 % a broker runs out of disk before anyone can act.</summary>
    public const int MaximumMskDiskUsedPercent = 95;

    public const int MinimumDatabaseCpuPercent = 10;

    public const int MinimumSourceLagSeconds = 10;

    public const int MaximumSourceLagSeconds = 86400;

    /// <summary>More than one restart every two minutes is a restart storm.</summary>
    public const int MaximumRestartsPerHour = 30;

    public const int MinimumFirstBackoffSeconds = 10;

    /// <summary>The healer backs off at most an hour.</summary>
    public const int MaximumBackoffSeconds = 3600;

    public const int MinimumStableAfterSeconds = 60;
    private static void ValidateOperations(OperationsConfig operations, string path, List<ConfigurationError> errors)
    {
        foreach (var email in operations.AlarmEmails.Where(email => !EmailPattern().IsMatch(email)))
        {
            errors.Add(new($"{path}.alarmEmails", $"'{email}' is not an e-mail address", "write addresses as name@example.com"));
        }

        if (operations.MskDiskUsedPercent is < MinimumMskDiskUsedPercent or > MaximumMskDiskUsedPercent)
        {
            errors.Add(new($"{path}.mskDiskUsedPercent", $"{operations.MskDiskUsedPercent} is outside {MinimumMskDiskUsedPercent} to {MaximumMskDiskUsedPercent}", "alarm early enough for storage auto-scaling or an operator to act, e.g. 80"));
        }

        if (operations.DatabaseFreeStorageGiB < 1)
        {
            errors.Add(new($"{path}.databaseFreeStorageGiB", $"{operations.DatabaseFreeStorageGiB} GiB never fires before the disk is full", "use at least 1 GiB, e.g. 10"));
        }

        if (operations.DatabaseCpuPercent is < MinimumDatabaseCpuPercent or > 100)
        {
            errors.Add(new($"{path}.databaseCpuPercent", $"{operations.DatabaseCpuPercent} is outside {MinimumDatabaseCpuPercent} to 100", "use a percentage, e.g. 80"));
        }

        if (operations.SourceLagSeconds is < MinimumSourceLagSeconds or > MaximumSourceLagSeconds)
        {
            errors.Add(new($"{path}.sourceLagSeconds", $"{operations.SourceLagSeconds} is outside {MinimumSourceLagSeconds} to {MaximumSourceLagSeconds}", "alarm when changes are minutes late, e.g. 300"));
        }

        var healing = operations.Healing;
        if (healing.MaxRestartsPerHour is < 1 or > MaximumRestartsPerHour)
        {
            errors.Add(new($"{path}.healing.maxRestartsPerHour", $"{healing.MaxRestartsPerHour} is outside 1 to {MaximumRestartsPerHour}", "more than one restart every two minutes is a restart storm; use e.g. 6"));
        }

        if (healing.FirstBackoffSeconds is < MinimumFirstBackoffSeconds or > MaximumBackoffSeconds)
        {
            errors.Add(new($"{path}.healing.firstBackoffSeconds", $"{healing.FirstBackoffSeconds} is outside {MinimumFirstBackoffSeconds} to {MaximumBackoffSeconds}", "give a failed connector time to fail again, e.g. 60"));
        }

        if (healing.MaxBackoffSeconds < healing.FirstBackoffSeconds || healing.MaxBackoffSeconds > MaximumBackoffSeconds)
        {
            errors.Add(new($"{path}.healing.maxBackoffSeconds", $"{healing.MaxBackoffSeconds} is not between firstBackoffSeconds ({healing.FirstBackoffSeconds}) and {MaximumBackoffSeconds}", "use e.g. 1800"));
        }

        if (healing.StableAfterSeconds is < MinimumStableAfterSeconds or > MaximumBackoffSeconds)
        {
            errors.Add(new($"{path}.healing.stableAfterSeconds", $"{healing.StableAfterSeconds} is outside {MinimumStableAfterSeconds} to {MaximumBackoffSeconds}", "use e.g. 600"));
        }
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
