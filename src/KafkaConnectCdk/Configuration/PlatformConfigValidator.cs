using System.Net;
using System.Text.RegularExpressions;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Configuration;

/// <summary>
/// One pass over the whole configuration that reports every problem together, each with its path and fix, so that a
/// user fixes cdk.json once instead of once per synth.
/// </summary>
public static partial class PlatformConfigValidator
{
    public static IReadOnlyList<ConfigurationError> Validate(PlatformConfig platform)
    {
        var errors = new List<ConfigurationError>();
        const string root = PlatformConfigLoader.PlatformContextKey;

        if (!ProjectPattern().IsMatch(platform.Project))
        {
            errors.Add(new($"{root}.project", $"'{platform.Project}' is not a valid project prefix", "use 2 to 12 lowercase letters, digits or hyphens, starting with a letter"));
        }

        if (platform.Environments.Count == 0)
        {
            errors.Add(new($"{root}.environments", "no environment is configured", "add at least one environment with name, account and region"));
        }

        foreach (var duplicate in platform.Environments.GroupBy(environment => environment.Name).Where(group => group.Count() > 1))
        {
            errors.Add(new($"{root}.environments", $"the name '{duplicate.Key}' is used {duplicate.Count()} times", "give every environment a unique name"));
        }

        for (var index = 0; index < platform.Environments.Count; index++)
        {
            ValidateEnvironment(platform.Environments[index], $"{root}.environments[{index}]", errors);
        }

        return errors;
    }

    private static void ValidateEnvironment(EnvironmentConfig environment, string path, List<ConfigurationError> errors)
    {
        if (!EnvironmentNamePattern().IsMatch(environment.Name))
        {
            errors.Add(new($"{path}.name", $"'{environment.Name}' is not a valid environment name", "use 2 to 16 lowercase letters, digits or hyphens, starting with a letter (e.g. dev, prod)"));
        }
        else
        {
            path = $"{path}({environment.Name})";
        }

        if (!AccountPattern().IsMatch(environment.Account))
        {
            errors.Add(new($"{path}.account", $"'{environment.Account}' is not a 12-digit AWS account id", "set the 12-digit id of the target account, as a string (leading zeros matter)"));
        }

        var regionIsValid = RegionPattern().IsMatch(environment.Region);
        if (!regionIsValid)
        {
            errors.Add(new($"{path}.region", $"'{environment.Region}' is not an AWS region name", "use a region code such as eu-west-1 or us-east-2"));
        }

        foreach (var (key, value) in environment.Tags)
        {
            if (key.Length is 0 or > 128 || key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new($"{path}.tags", $"tag key '{key}' is not allowed", "use 1 to 128 characters that do not start with 'aws:'"));
            }

            if (value.Length > 256)
            {
                errors.Add(new($"{path}.tags.{key}", "the tag value is longer than 256 characters", "shorten it"));
            }
        }

        ValidateNetwork(environment, $"{path}.network", regionIsValid, errors);
        ValidateMsk(environment, $"{path}.msk", errors);
        ValidateDatabase(environment, $"{path}.database", errors);
        ValidateSchemaRegistry(environment.SchemaRegistry, $"{path}.schemaRegistry", errors);
        ValidateKubernetes(environment, $"{path}.kubernetes", errors);
        ValidateConnect(environment, $"{path}.connect", errors);
        ValidateNodeCapacity(environment, path, errors);
        ValidateOperations(environment.Operations, $"{path}.operations", errors);
        ValidateLakehouse(environment, $"{path}.lakehouse", errors);
        ValidateProductionLogRetention(environment, path, errors);
    }

    /// <summary>Control Tower's CT.CLOUDWATCH.PR.2 keeps log groups at least a year; production must comply.</summary>
    public const int ProductionMinimumLogRetentionDays = 365;

    private static void ValidateProductionLogRetention(EnvironmentConfig environment, string path, List<ConfigurationError> errors)
    {
        if (!environment.Production)
        {
            return;
        }

        var retentions = new List<(int Days, string Field)>
        {
            (environment.Network.FlowLogRetentionDays, "network.flowLogRetentionDays"),
            (environment.Msk.BrokerLogRetentionDays, "msk.brokerLogRetentionDays"),
            (environment.Database.LogRetentionDays, "database.logRetentionDays"),
            (environment.Kubernetes.ControlPlaneLogRetentionDays, "kubernetes.controlPlaneLogRetentionDays"),
        };
        if (environment.Lakehouse.Enabled)
        {
            retentions.Add((environment.Lakehouse.LogRetentionDays, "lakehouse.logRetentionDays"));
        }

        foreach (var (days, field) in retentions)
        {
            if (days < ProductionMinimumLogRetentionDays)
            {
                errors.Add(new($"{path}.{field}", $"{days} days is below the {ProductionMinimumLogRetentionDays} days AWS Control Tower's CT.CLOUDWATCH.PR.2 requires of production log groups",
                    $"set it to {ProductionMinimumLogRetentionDays} or more in this production environment"));
            }
        }
    }

    private static void ValidateRetention(int days, string path, List<ConfigurationError> errors)
    {
        if (!CloudWatchRetention.SupportedDays.Contains(days))
        {
            errors.Add(new(path, $"{days} is not a CloudWatch Logs retention", $"use one of {string.Join(", ", CloudWatchRetention.SupportedDays.Order())}"));
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,11}$")]
    private static partial Regex ProjectPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{1,15}$")]
    private static partial Regex EnvironmentNamePattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$")]
    private static partial Regex RegionPattern();
}
