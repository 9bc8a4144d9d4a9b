using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>
/// JSON documents carried as strings inside a template: the Manifest of Custom::AWSCDK-EKS-KubernetesResource, state
/// machine definitions, a CloudWatch agent's config inside a manifest. CDK writes such a string as a plain string, or,
/// when deploy-time values are inside it, as an <c>Fn::Join</c> with "" of literal text and intrinsics
/// (aws-cdk-lib core/lib/private/cloudformation-lang.ts, Stack.toJsonString). Both are read as the document, each
/// intrinsic as a placeholder string <c>${Ref: Name}</c> that keeps the intrinsic's content.
/// </summary>
public static partial class EmbeddedJson
{
    public const string PlaceholderStart = "${";

    /// <summary>The document a value carries, or null when the value is no embedded JSON object or array.</summary>
    public static JsonNode? Parse(JsonNode? value) => value switch
    {
        JsonValue text when text.TryGetValue<string>(out var json) => ParseDocument(json),
        JsonObject join when JoinedText(join) is { } joined => ParseDocument(joined),
        _ => null,
    };

    /// <summary>The text an <c>Fn::Join</c> with "" stands for, each intrinsic part as its placeholder.</summary>
    public static string? JoinedText(JsonObject value)
    {
        if (value.Count != 1 || value["Fn::Join"] is not JsonArray { Count: 2 } join || (string?)join[0] != "" || join[1] is not JsonArray parts)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (part is JsonValue literal && literal.TryGetValue<string>(out var piece))
            {
                text.Append(piece);
            }
            else
            {
                // The intrinsic sits inside a JSON string literal of the document: its placeholder is written escaped.
                var escaped = JsonSerializer.Serialize(Placeholder(part));
                text.Append(escaped, 1, escaped.Length - 2);
            }
        }

        return text.ToString();
    }

    /// <summary>An intrinsic in a short flow form without quotes, so that it also survives a second level of embedding.</summary>
    public static string Placeholder(JsonNode? intrinsic) => PlaceholderStart + Flow(intrinsic, outermost: true) + "}";

    private static string Flow(JsonNode? node, bool outermost = false) => node switch
    {
        JsonObject obj when outermost && obj.Count == 1 => $"{obj.First().Key}: {Flow(obj.First().Value)}",
        JsonObject obj => "{" + string.Join(", ", obj.Select(pair => $"{pair.Key}: {Flow(pair.Value)}")) + "}",
        JsonArray array => "[" + string.Join(", ", array.Select(item => Flow(item))) + "]",
        // Bare when it cannot be read as anything else, quoted otherwise: "0" and 0, or "a, b" and a list, stay apart.
        JsonValue value when value.TryGetValue<string>(out var text) => BareText().IsMatch(text) && !double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _) && text is not ("true" or "false" or "null")
            ? text
            : JsonSerializer.Serialize(text),
        null => "null",
        _ => node.ToJsonString(),
    };

    private static JsonNode? ParseDocument(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0 || trimmed[0] is not ('{' or '['))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The node with every embedded document replaced by <c>{ "(embedded JSON)": document }</c>, recursively, so that a
    /// rendering shows one key per line. The marker keeps it apart from a real object of the template.
    /// </summary>
    public static JsonNode? Expand(JsonNode? node)
    {
        if (Parse(node) is { } document)
        {
            return new JsonObject { [Marker(node!)] = Expand(document) };
        }

        return node switch
        {
            JsonObject obj => new JsonObject(obj.Select(pair => KeyValuePair.Create(pair.Key, Expand(pair.Value)))),
            JsonArray array => new JsonArray([.. array.Select(Expand)]),
            _ => node?.DeepClone(),
        };
    }

    private static string Marker(JsonNode value) => value is JsonObject ? "(embedded JSON, Fn::Join)" : "(embedded JSON)";

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_.:/-]+$")]
    private static partial System.Text.RegularExpressions.Regex BareText();
}
