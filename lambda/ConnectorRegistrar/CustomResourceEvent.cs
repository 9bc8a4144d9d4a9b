using System.Text.Json;

namespace ConnectorRegistrar;

/// <summary>The Provider framework's event for onEvent and isComplete, with the registrar's properties validated.</summary>
public sealed record CustomResourceEvent(
    string RequestType,
    string LogicalResourceId,
    string? PhysicalResourceId,
    ConnectorRequest Connector,
    ConnectorRequest? OldConnector);

/// <summary>One connector as the CustomResource describes it. CloudFormation sends every property value as a string.</summary>
public sealed record ConnectorRequest(
    string Name,
    string ConnectorClass,
    IReadOnlyDictionary<string, string> Config,
    Uri ConnectUrl,
    string ManagementMode,
    string ConfigHash)
{
    public const string RestMode = "rest";
    public const string StrimziMode = "strimzi";
}

/// <summary>A rejected event: the field and what is wrong with it.</summary>
public sealed class InvalidEventException(string field, string problem) : Exception($"Invalid custom resource event: {field}: {problem}")
{
    public string Field { get; } = field;
}

public static class CustomResourceEventParser
{
    private static readonly string[] RequestTypes = ["Create", "Update", "Delete"];

    public static CustomResourceEvent Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new InvalidEventException("event", $"not JSON ({exception.Message.Split('.')[0]})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidEventException("event", "not a JSON object");
            }

            var requestType = RequiredString(root, "RequestType", "event");
            if (!RequestTypes.Contains(requestType))
            {
                throw new InvalidEventException("RequestType", $"'{requestType}' is not Create, Update or Delete");
            }

            var logicalId = RequiredString(root, "LogicalResourceId", "event");
            var physicalId = OptionalString(root, "PhysicalResourceId", "event");
            var properties = RequiredObject(root, "ResourceProperties");
            var connector = ParseConnector(properties, "ResourceProperties");
            var old = root.TryGetProperty("OldResourceProperties", out var oldProperties) && oldProperties.ValueKind == JsonValueKind.Object
                ? ParseConnector(oldProperties, "OldResourceProperties")
                : null;
            return new CustomResourceEvent(requestType, logicalId, physicalId, connector, old);
        }
    }

    private static ConnectorRequest ParseConnector(JsonElement properties, string path)
    {
        var name = RequiredString(properties, "ConnectorName", path);
        var connectorClass = RequiredString(properties, "ConnectorClass", path);
        var url = RequiredString(properties, "ConnectUrl", path);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var connectUrl) || connectUrl.Scheme is not ("http" or "https"))
        {
            throw new InvalidEventException($"{path}.ConnectUrl", $"'{url}' is not an http(s) URL");
        }

        var mode = OptionalString(properties, "ManagementMode", path) ?? ConnectorRequest.RestMode;
        if (mode is not (ConnectorRequest.RestMode or ConnectorRequest.StrimziMode))
        {
            throw new InvalidEventException($"{path}.ManagementMode", $"'{mode}' is not rest or strimzi");
        }

        var configText = RequiredString(properties, "Config", path);
        var config = ParseConfig(configText, $"{path}.Config");
        foreach (var (key, value) in config)
        {
            if (SecretRedaction.IsLiteralSecret(key, value))
            {
                throw new InvalidEventException($"{path}.Config.{key}", "holds a literal secret; reference it through a config provider (${dir:...})");
            }
        }

        return new ConnectorRequest(name, connectorClass, config, connectUrl, mode, RequiredString(properties, "ConfigHash", path));
    }

    private static Dictionary<string, string> ParseConfig(string text, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidEventException(path, "not a JSON object of strings");
            }

            return document.RootElement.EnumerateObject().ToDictionary(
                property => property.Name,
                property => property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : throw new InvalidEventException($"{path}.{property.Name}", "is not a string"));
        }
        catch (JsonException)
        {
            throw new InvalidEventException(path, "not valid JSON");
        }
    }

    private static JsonElement RequiredObject(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new InvalidEventException(name, "missing or not an object");

    private static string RequiredString(JsonElement element, string name, string path) =>
        OptionalString(element, name, path) is { Length: > 0 } value ? value : throw new InvalidEventException($"{path}.{name}", "missing or empty");

    private static string? OptionalString(JsonElement element, string name, string path) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw new InvalidEventException($"{path}.{name}", $"is a {value.ValueKind.ToString().ToLowerInvariant()}, not a string");
}
