using System.Net;
using System.Text.RegularExpressions;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Configuration;

public static partial class PlatformConfigValidator
{
    public const int MinimumStorageTargetUtilizationPercent = 10;

    public const int MaximumStorageTargetUtilizationPercent = 90;
    public const int MaximumBrokerVolumeGiB = 16384;

    /// <summary>default.replication.factor is 3: fewer brokers cannot hold the replicas.</summary>
    public const int MinimumBrokers = 3;

    private static void ValidateMsk(EnvironmentConfig environment, string path, List<ConfigurationError> errors)
    {
        var msk = environment.Msk;
        if (!MskConfig.SupportedKafkaVersions.Contains(msk.KafkaVersion))
        {
            errors.Add(new($"{path}.kafkaVersion", $"'{msk.KafkaVersion}' is not a Kafka version MSK supports for new clusters", $"use one of {string.Join(", ", MskConfig.SupportedKafkaVersions)}"));
        }

        var zones = environment.AvailabilityZoneNames.Count;
        var smallestValidCount = (MinimumBrokers + zones - 1) / zones * zones;
        if (msk.BrokerCount < MinimumBrokers || msk.BrokerCount % zones != 0)
        {
            errors.Add(new(
                $"{path}.brokerCount",
                $"{msk.BrokerCount} brokers cannot hold 3 replicas spread evenly over {zones} zones",
                $"use a multiple of {zones} of at least {MinimumBrokers} (e.g. {smallestValidCount} or {smallestValidCount + zones})"));
        }

        if (!MskInstanceTypePattern().IsMatch(msk.BrokerInstanceType))
        {
            errors.Add(new($"{path}.brokerInstanceType", $"'{msk.BrokerInstanceType}' is not an MSK broker type", "use a name such as kafka.m7g.large"));
        }

        if (msk.VolumeSizeGiB is < 1 or > MaximumBrokerVolumeGiB)
        {
            errors.Add(new($"{path}.volumeSizeGiB", $"{msk.VolumeSizeGiB} GiB is outside 1 to {MaximumBrokerVolumeGiB}", "choose an EBS volume size MSK accepts"));
        }

        if (msk.MaxVolumeSizeGiB < msk.VolumeSizeGiB || msk.MaxVolumeSizeGiB > MaximumBrokerVolumeGiB)
        {
            errors.Add(new($"{path}.maxVolumeSizeGiB", $"{msk.MaxVolumeSizeGiB} GiB is outside {msk.VolumeSizeGiB} (the initial size) to {MaximumBrokerVolumeGiB}", "set the auto-scaling ceiling at or above volumeSizeGiB"));
        }

        if (msk.StorageTargetUtilizationPercent is < MinimumStorageTargetUtilizationPercent or > MaximumStorageTargetUtilizationPercent)
        {
            errors.Add(new($"{path}.storageTargetUtilizationPercent", $"{msk.StorageTargetUtilizationPercent} is outside {MinimumStorageTargetUtilizationPercent} to {MaximumStorageTargetUtilizationPercent}", "choose the disk utilization auto-scaling keeps, e.g. 60"));
        }

        if (msk.TopicRetentionHours < 1)
        {
            errors.Add(new($"{path}.topicRetentionHours", $"{msk.TopicRetentionHours} hours keeps no data", "use at least 1 hour (168 = 7 days)"));
        }

        ValidateRetention(msk.BrokerLogRetentionDays, $"{path}.brokerLogRetentionDays", errors);
    }

    [GeneratedRegex(@"^kafka\.[a-z0-9]+\.[a-z0-9]+$")]
    private static partial Regex MskInstanceTypePattern();
}
