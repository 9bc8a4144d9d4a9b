using System.Text.Json;
using CustomResources;
using KafkaConnectCdk.Contracts;

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
    public const string RestMode = ManagementModes.Rest;
    public const string StrimziMode = ManagementModes.Strimzi;
}

public static class CustomResourceEventParser
{
    public static CustomResourceEvent Parse(string json)
    {
        using var document = EventFields.ParseDocument(json);
        var root = document.RootElement;
        var requestType = EventFields.RequestType(root);
        var logicalId = EventFields.RequiredString(root, "LogicalResourceId", "event");
        var physicalId = EventFields.OptionalString(root, "PhysicalResourceId", "event");
        var connector = ParseConnector(EventFields.RequiredObject(root, "ResourceProperties"), "ResourceProperties");
        var old = root.TryGetProperty("OldResourceProperties", out var oldProperties) && oldProperties.ValueKind == JsonValueKind.Object
            ? ParseConnector(oldProperties, "OldResourceProperties")
            : null;
        return new CustomResourceEvent(requestType, logicalId, physicalId, connector, old);
    }

    private static ConnectorRequest ParseConnector(JsonElement properties, string path)
    {
        var name = EventFields.RequiredString(properties, ConnectorRegistrationProperties.ConnectorName, path);
        var connectorClass = EventFields.RequiredString(properties, ConnectorRegistrationProperties.ConnectorClass, path);
        var url = EventFields.RequiredString(properties, ConnectorRegistrationProperties.ConnectUrl, path);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var connectUrl) || connectUrl.Scheme is not ("http" or "https"))
        {
            throw new InvalidEventException($"{path}.{ConnectorRegistrationProperties.ConnectUrl}", $"'{url}' is not an http(s) URL");
        }

        var mode = EventFields.OptionalString(properties, ConnectorRegistrationProperties.ManagementMode, path) ?? ConnectorRequest.RestMode;
        if (mode is not (ConnectorRequest.RestMode or ConnectorRequest.StrimziMode))
        {
            throw new InvalidEventException($"{path}.{ConnectorRegistrationProperties.ManagementMode}", $"'{mode}' is not rest or strimzi");
        }

        var configText = EventFields.RequiredString(properties, ConnectorRegistrationProperties.Config, path);
        var config = ParseConfig(configText, $"{path}.{ConnectorRegistrationProperties.Config}");
        foreach (var (key, value) in config)
        {
            if (ConnectorSecrets.IsLiteralSecret(key, value))
            {
                throw new InvalidEventException($"{path}.{ConnectorRegistrationProperties.Config}.{key}", "holds a literal secret; reference it through a config provider (${dir:...})");
            }
        }

        return new ConnectorRequest(name, connectorClass, config, connectUrl, mode, EventFields.RequiredString(properties, ConnectorRegistrationProperties.ConfigHash, path));
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
}
