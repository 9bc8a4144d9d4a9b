using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace KafkaConnectCdk.Connect.Strimzi;

/// <summary>
/// Serializes the records of custom resources (Strimzi's, the CSI driver's, the CloudWatch agent's) to JSON and to the
/// plain dictionaries jsii hands to <c>Cluster.AddManifest</c>. Kubernetes' own kinds go through
/// <see cref="KubernetesObjects"/> instead.
/// </summary>
public static class ManifestSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        DictionaryKeyPolicy = null,
    };

    public static JsonObject ToJson(object resource) => resource is k8s.IKubernetesObject
        // These options know neither the models' apiVersion/kind nor their wire types: the result would be wrong.
        ? throw new ArgumentException($"{resource.GetType().Name} is a k8s.Models kind: serialize it with KubernetesObjects.ToManifest.", nameof(resource))
        : JsonSerializer.SerializeToNode(resource, resource.GetType(), Options)!.AsObject();

    public static Dictionary<string, object> ToJsii(object resource) => ToJsii(ToJson(resource));

    /// <summary>JSON as jsii marshals it: objects as dictionaries, arrays as arrays, numbers as int or long.</summary>
    public static Dictionary<string, object> ToJsii(JsonObject json) => (Dictionary<string, object>)ToPlain(json)!;

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
