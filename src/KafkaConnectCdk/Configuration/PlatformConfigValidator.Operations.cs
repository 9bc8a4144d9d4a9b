using System.Text.RegularExpressions;
using KafkaConnectCdk.Connect;

namespace KafkaConnectCdk.Configuration;

public static partial class PlatformConfigValidator
{
    private static void ValidateOperations(OperationsConfig operations, string path, List<ConfigurationError> errors)
    {
        foreach (var email in operations.AlarmEmails.Where(email => !EmailPattern().IsMatch(email)))
        {
            errors.Add(new($"{path}.alarmEmails", $"'{email}' is not an e-mail address", "write addresses as name@example.com"));
        }

        if (operations.MskDiskUsedPercent is < 50 or > 95)
        {
            errors.Add(new($"{path}.mskDiskUsedPercent", $"{operations.MskDiskUsedPercent} is outside 50 to 95", "alarm early enough for storage auto-scaling or an operator to act, e.g. 80"));
        }

        if (operations.DatabaseFreeStorageGiB < 1)
        {
            errors.Add(new($"{path}.databaseFreeStorageGiB", $"{operations.DatabaseFreeStorageGiB} GiB never fires before the disk is full", "use at least 1 GiB, e.g. 10"));
        }

        if (operations.DatabaseCpuPercent is < 10 or > 100)
        {
            errors.Add(new($"{path}.databaseCpuPercent", $"{operations.DatabaseCpuPercent} is outside 10 to 100", "use a percentage, e.g. 80"));
        }

        if (operations.SourceLagSeconds is < 10 or > 86400)
        {
            errors.Add(new($"{path}.sourceLagSeconds", $"{operations.SourceLagSeconds} is outside 10 to 86400", "alarm when changes are minutes late, e.g. 300"));
        }

        var healing = operations.Healing;
        if (healing.MaxRestartsPerHour is < 1 or > 30)
        {
            errors.Add(new($"{path}.healing.maxRestartsPerHour", $"{healing.MaxRestartsPerHour} is outside 1 to 30", "more than one restart every two minutes is a restart storm; use e.g. 6"));
        }

        if (healing.FirstBackoffSeconds is < 10 or > 3600)
        {
            errors.Add(new($"{path}.healing.firstBackoffSeconds", $"{healing.FirstBackoffSeconds} is outside 10 to 3600", "give a failed connector time to fail again, e.g. 60"));
        }

        if (healing.MaxBackoffSeconds < healing.FirstBackoffSeconds || healing.MaxBackoffSeconds > 3600)
        {
            errors.Add(new($"{path}.healing.maxBackoffSeconds", $"{healing.MaxBackoffSeconds} is not between firstBackoffSeconds ({healing.FirstBackoffSeconds}) and 3600", "use e.g. 1800"));
        }

        if (healing.StableAfterSeconds is < 60 or > 3600)
        {
            errors.Add(new($"{path}.healing.stableAfterSeconds", $"{healing.StableAfterSeconds} is outside 60 to 3600", "use e.g. 600"));
        }
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
