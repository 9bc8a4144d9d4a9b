using System.Text.Json;

namespace CustomResources;

/// <summary>A rejected event: the field and what is wrong with it. CloudFormation shows the message as the reason.</summary>
public sealed class InvalidEventException(string field, string problem) : Exception($"Invalid custom resource event: {field}: {problem}")
{
    public string Field { get; } = field;
}

/// <summary>Reads CloudFormation event fields, which arrive as strings, and names the field when one is wrong.</summary>
public static class EventFields
{
    public static readonly IReadOnlyList<string> RequestTypes = ["Create", "Update", "Delete"];

    public static JsonDocument ParseDocument(string json)
    {
        try
        {
            var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document : throw new InvalidEventException("event", "not a JSON object");
        }
        catch (JsonException exception)
        {
            throw new InvalidEventException("event", $"not JSON ({exception.Message.Split('.')[0]})");
        }
    }

    public static string RequestType(JsonElement root)
    {
        var requestType = RequiredString(root, "RequestType", "event");
        return RequestTypes.Contains(requestType) ? requestType : throw new InvalidEventException("RequestType", $"'{requestType}' is not Create, Update or Delete");
    }

    public static JsonElement RequiredObject(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new InvalidEventException(name, "missing or not an object");

    public static string RequiredString(JsonElement element, string name, string path) =>
        OptionalString(element, name, path) is { Length: > 0 } value ? value : throw new InvalidEventException($"{path}.{name}", "missing or empty");

    public static string? OptionalString(JsonElement element, string name, string path) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw new InvalidEventException($"{path}.{name}", $"is a {value.ValueKind.ToString().ToLowerInvariant()}, not a string");

    public static int RequiredInt(JsonElement element, string name, string path, int minimum, int maximum)
    {
        var text = RequiredString(element, name, path);
        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : throw new InvalidEventException($"{path}.{name}", $"'{text}' is not a whole number from {minimum} to {maximum}");
    }

    public static bool OptionalBool(JsonElement element, string name, string path) =>
        OptionalString(element, name, path) switch
        {
            null or "false" => false,
            "true" => true,
            var other => throw new InvalidEventException($"{path}.{name}", $"'{other}' is not true or false"),
        };
}
