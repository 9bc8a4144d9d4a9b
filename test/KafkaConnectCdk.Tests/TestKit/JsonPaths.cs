using System.Text.Json.Nodes;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>Steps into JSON by keys and indexes, and fails naming the step that is missing rather than with a NullReferenceException.</summary>
public static class JsonPaths
{
    /// <summary>The node at this path of keys (string) and array indexes (int).</summary>
    public static JsonNode At(this JsonNode node, params object[] path)
    {
        var current = node;
        var walked = "";
        foreach (var step in path)
        {
            var next = (step, current) switch
            {
                (string key, JsonObject obj) => obj[key],
                (int index, JsonArray array) when index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            var stepText = step is int position ? $"[{position}]" : walked.Length == 0 ? $"{step}" : $".{step}";
            if (next is null)
            {
                throw new Xunit.Sdk.XunitException($"No {walked}{stepText} in the JSON: {(walked.Length == 0 ? "the root" : walked)} has {Describe(current)}");
            }

            walked += stepText;
            current = next;
        }

        return current;
    }

    private static string Describe(JsonNode node) => node switch
    {
        JsonObject obj => $"the keys [{string.Join(", ", obj.Select(pair => pair.Key))}]",
        JsonArray array => $"{array.Count} items",
        _ => $"the value {node.ToJsonString()}",
    };
}
