using System.Text.Json;
using Constructs;

namespace KafkaConnectCdk.Configuration;

/// <summary>
/// Reads the platform configuration from CDK context once, at the edge of the app: the <c>platform</c> object in
/// cdk.json, and the optional <c>environment</c> key (<c>-c environment=dev</c>) that narrows synthesis to one environment.
/// </summary>
public static class PlatformConfigLoader
{
    public const string PlatformContextKey = "platform";
    public const string EnvironmentContextKey = "environment";

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static LoadedConfiguration FromContext(Node node)
    {
        var platform = node.TryGetContext(PlatformContextKey)
            ?? throw new ConfigurationException([new ConfigurationError(
                PlatformContextKey, "the context key is missing", "run from the repository root so that cdk.json is read, or pass the configuration with -c platform=<json>")]);
        var json = platform as string ?? JsonSerializer.Serialize(platform);
        var selected = node.TryGetContext(EnvironmentContextKey) as string;
        var delivery = node.TryGetContext(DeliveryModes.ContextKey) as string ?? DeliveryModes.Direct;
        return FromJson(json, selected, delivery);
    }

    public static LoadedConfiguration FromJson(string json, string? selectedEnvironment = null, string delivery = DeliveryModes.Direct)
    {
        var platform = Deserialize(json);
        var errors = PlatformConfigValidator.Validate(platform).ToList();
        if (!DeliveryModes.All.Contains(delivery))
        {
            errors.Add(new ConfigurationError(DeliveryModes.ContextKey, $"unknown delivery mode '{delivery}'", $"use -c delivery={DeliveryModes.Direct} (cdk deploy --all) or -c delivery={DeliveryModes.Pipeline}"));
        }
        else if (delivery == DeliveryModes.Pipeline)
        {
            errors.AddRange(PlatformConfigValidator.ValidatePipeline(platform));
        }
        var selected = platform.Environments;
        if (!string.IsNullOrWhiteSpace(selectedEnvironment))
        {
            selected = [.. platform.Environments.Where(environment => environment.Name == selectedEnvironment)];
            if (selected.Count == 0)
            {
                errors.Add(new ConfigurationError(
                    EnvironmentContextKey,
                    $"unknown environment '{selectedEnvironment}'",
                    $"use one of: {string.Join(", ", platform.Environments.Select(environment => environment.Name))}"));
            }
        }

        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }

        return new LoadedConfiguration(platform, selected, delivery);
    }

    private static PlatformConfig Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PlatformConfig>(json, SerializerOptions)
                ?? throw new ConfigurationException([new ConfigurationError(PlatformContextKey, "the value is null", "set it to the configuration object described in docs/configuration.md")]);
        }
        catch (JsonException exception)
        {
            var path = PlatformContextKey + (exception.Path ?? "$").TrimStart('$');
            var problem = Describe(exception);
            var removed = RemovedKeys.FirstOrDefault(key => problem == $"unknown key '{key.Key}'");
            throw new ConfigurationException([removed.Key is null
                ? new ConfigurationError(path, problem, "correct the key or value; docs/configuration.md lists every key with its type and default")
                : new ConfigurationError(path, $"'{removed.Key}' is no longer a setting: {removed.Value.Why}", removed.Value.Fix)]);
        }
    }

    /// <summary>Keys earlier releases accepted, with why they went and what to do, so an old cdk.json gets a fix, not a guess.</summary>
    private static readonly IReadOnlyDictionary<string, (string Why, string Fix)> RemovedKeys = new Dictionary<string, (string, string)>
    {
        ["masterPasswordRotationDays"] = (
            "RDS manages and rotates the master password itself (ManageMasterUserPassword, every 7 days); no rotation function connects to the database",
            "remove the key from database; on an existing environment the first deployment replaces the master secret with the RDS-managed one (docs/stacks.md, kcc-<env>-database)"),
    };

    private static string Describe(JsonException exception)
    {
        var message = exception.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'', StringComparison.Ordinal);
            var end = message.IndexOf('\'', start + 1);
            return start >= 0 && end > start ? $"unknown key '{message[(start + 1)..end]}'" : "unknown key";
        }

        const string conversionMarker = "could not be converted to ";
        var conversion = message.IndexOf(conversionMarker, StringComparison.Ordinal);
        if (conversion < 0)
        {
            return "malformed JSON: " + message.Split(" Path:", StringSplitOptions.None)[0];
        }

        var targetType = message[(conversion + conversionMarker.Length)..].Split(". Path:", StringSplitOptions.None)[0];
        return $"the value has the wrong type (expected {ExpectedValue(targetType)})";
    }

    private static string ExpectedValue(string dotnetType) => dotnetType switch
    {
        _ when dotnetType.Contains("Int32", StringComparison.Ordinal) => "a whole number",
        _ when dotnetType.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when dotnetType.Contains("IReadOnlyList", StringComparison.Ordinal) => "a list",
        _ when dotnetType.Contains("IReadOnlyDictionary", StringComparison.Ordinal) => "an object of string values",
        "System.String" => "a string",
        _ => "an object",
    };
}
