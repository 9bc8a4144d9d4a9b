using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnectorHealer;

/// <summary>What the healer remembers of one connector between invocations.</summary>
/// <param name="Restarts">When it restarted the connector within the last hour, oldest first.</param>
/// <param name="ConsecutiveRestarts">Restarts since the connector last ran stably; drives the backoff.</param>
/// <param name="LastRestartAt">The latest restart, kept beyond the hour so that the backoff survives the window.</param>
public sealed record ConnectorMemory(IReadOnlyList<DateTimeOffset> Restarts, int ConsecutiveRestarts, DateTimeOffset? LastRestartAt)
{
    public static readonly ConnectorMemory Empty = new([], 0, null);

    /// <summary>Nothing left worth keeping: no restart this hour and no backoff running.</summary>
    public bool IsForgettable => Restarts.Count == 0 && ConsecutiveRestarts == 0;
}

/// <summary>The healer's memory of every connector, stored between invocations as one JSON document.</summary>
public sealed record HealingState(IReadOnlyDictionary<string, ConnectorMemory> Connectors)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static readonly HealingState Empty = new(new Dictionary<string, ConnectorMemory>());

    public ConnectorMemory For(string connector) => Connectors.TryGetValue(connector, out var memory) ? memory : ConnectorMemory.Empty;

    public string ToJson() => JsonSerializer.Serialize(Connectors.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary(), Json);

    public static HealingState FromJson(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, ConnectorMemory>>(json, Json) ?? new Dictionary<string, ConnectorMemory>());

    /// <summary>Same memory, whatever the order of the connectors or the collection types.</summary>
    public bool SameAs(HealingState other) => ToJson() == other.ToJson();
}
