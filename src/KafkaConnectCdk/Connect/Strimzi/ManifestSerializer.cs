using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KafkaConnectCdk.Connect.Strimzi;

/// <summary>Serializes manifest records to JSON and to the plain dictionaries jsii hands to <c>Cluster.AddManifest</c>.</summary>
public static class ManifestSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        DictionaryKeyPolicy = null,
    };

    public static JsonObject ToJson(object resource) => JsonSerializer.SerializeToNode(resource, resource.GetType(), Options)!.AsObject();

    public static Dictionary<string, object> ToJsii(object resource) => (Dictionary<string, object>)ToPlain(ToJson(resource))!;

    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject obj => obj.ToDictionary(pair => pair.Key, pair => ToPlain(pair.Value)!),
        JsonArray array => array.Select(ToPlain).ToArray(),
        JsonValue value when value.TryGetValue<bool>(out var boolean) => boolean,
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<long>(out var wide) => wide,
        JsonValue value => value.GetValue<string>(),
        _ => null,
    };
}
