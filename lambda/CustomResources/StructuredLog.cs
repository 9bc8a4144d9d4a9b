using System.Text.Json.Nodes;

namespace CustomResources;

/// <summary>One JSON object per line on stdout, which Lambda sends to CloudWatch Logs; secret values never appear.</summary>
public sealed class StructuredLog(TextWriter output)
{
    private static readonly string[] SecretWords = ["password", "secret", "token", "credential"];

    public void Info(string message, Dictionary<string, object?> fields) => Write("INFO", message, fields);

    public void Warn(string message, Dictionary<string, object?> fields) => Write("WARN", message, fields);

    public void Error(string message, Dictionary<string, object?> fields) => Write("ERROR", message, fields);

    private void Write(string level, string message, Dictionary<string, object?> fields)
    {
        var entry = new JsonObject { ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"), ["level"] = level, ["message"] = message };
        foreach (var (key, value) in fields)
        {
            entry[key] = value switch
            {
                IReadOnlyDictionary<string, string> map => new JsonObject(map.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)JsonValue.Create(pair.Value)))),
                string when SecretWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase)) => "***",
                null => null,
                _ => JsonValue.Create(value.ToString()),
            };
        }

        lock (output)
        {
            output.WriteLine(entry.ToJsonString());
        }
    }
}
