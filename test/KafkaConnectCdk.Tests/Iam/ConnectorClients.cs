using System.Globalization;

namespace KafkaConnectCdk.Tests.Iam;

/// <summary>A record shape a converter serializes: the key or the value of one topic.</summary>
public sealed record SerializedRecord(string Topic, bool IsKey, string Registry, string SchemaName);

/// <summary>
/// What a Debezium MySQL connector and its converters will ask Kafka and Glue for, read from its configuration as the
/// upstream code reads it, with the upstream default for every key that is not set. Deliberately independent of the
/// helpers that build the configuration and the grants.
/// </summary>
public sealed class ConnectorClients(IReadOnlyDictionary<string, string> config)
{
    private string? Get(string key) => config.TryGetValue(key, out var value) ? value : null;

    public string TopicPrefix => Get("topic.prefix") ?? throw new InvalidOperationException("topic.prefix is required");

    /// <summary>
    /// One topic per captured table, <c>prefix.database.table</c> (Debezium 3.2 DefaultTopicNamingStrategy with the default
    /// <c>topic.delimiter</c> "."). The include list holds literal database.table names in this project.
    /// </summary>
    public IReadOnlyList<string> DataTopics =>
        [.. (Get("table.include.list") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(table => $"{TopicPrefix}{Get("topic.delimiter") ?? "."}{table}")];

    /// <summary>
    /// Schema-change events go to the topic named <c>topic.prefix</c> unless <c>include.schema.changes=false</c> (default
    /// true; debezium v3.2.0.Final RelationalDatabaseConnectorConfig INCLUDE_SCHEMA_CHANGES).
    /// </summary>
    public string? SchemaChangeTopic => (Get("include.schema.changes") ?? "true") == "true" ? TopicPrefix : null;

    /// <summary>
    /// Heartbeats go to <c>&lt;topic.heartbeat.prefix&gt;.&lt;topic.prefix&gt;</c>, default prefix <c>__debezium-heartbeat</c>,
    /// when <c>heartbeat.interval.ms</c> is above 0 (default 0) (debezium v3.2.0.Final AbstractTopicNamingStrategy).
    /// </summary>
    public string? HeartbeatTopic =>
        long.Parse(Get("heartbeat.interval.ms") ?? "0", CultureInfo.InvariantCulture) > 0
            ? $"{Get("topic.heartbeat.prefix") ?? "__debezium-heartbeat"}.{TopicPrefix}"
            : null;

    /// <summary>The topics the connector's records go to through the worker's producer and the converters.</summary>
    public IReadOnlyList<string> WrittenTopics => [.. DataTopics, .. new[] { SchemaChangeTopic, HeartbeatTopic }.OfType<string>()];

    /// <summary>schema.history.internal.kafka.topic (required by KafkaSchemaHistory).</summary>
    public string HistoryTopic => Get("schema.history.internal.kafka.topic") ?? throw new InvalidOperationException("schema.history.internal.kafka.topic is required");

    /// <summary>
    /// The history consumer's group.id: <c>schema.history.internal.consumer.group.id</c>, else <c>schema.history.internal.name</c>
    /// (KafkaSchemaHistory.configure, debezium v3.2.0.Final), whose default is <c>&lt;topic.prefix&gt;-schemahistory</c>
    /// (HistorizedRelationalDatabaseConnectorConfig; the logical name is topic.prefix).
    /// </summary>
    public string HistoryGroup =>
        Get("schema.history.internal.consumer.group.id") ?? Get("schema.history.internal.name") ?? $"{TopicPrefix}-schemahistory";

    public bool UsesGlueConverter => (Get("value.converter") ?? "").StartsWith("com.amazonaws.services.schemaregistry.", StringComparison.Ordinal);

    /// <summary>
    /// The (registry, schema name) the Glue serializer registers for each record shape (aws-glue-schema-registry v1.1.25):
    /// <c>schemaName</c> if set, for every topic (GlueSchemaRegistryKafkaSerializer.getSchemaName); else the naming class,
    /// by default AWSSchemaNamingStrategyDefaultImpl, which returns the topic for keys and values alike; the registry is
    /// <c>registry.name</c>, default <c>default-registry</c> (AWSSchemaRegistryConstants.DEFAULT_REGISTRY_NAME).
    /// </summary>
    public IReadOnlyList<SerializedRecord> SerializedRecords =>
        [.. WrittenTopics.SelectMany(topic => new[] { true, false }.Select(isKey =>
        {
            var prefix = isKey ? "key.converter" : "value.converter";
            if (Get($"{prefix}.schemaNameGenerationClass") is { } naming)
            {
                throw new NotSupportedException($"{prefix}.schemaNameGenerationClass={naming}: the test cannot predict a custom naming class");
            }

            return new SerializedRecord(topic, isKey, Get($"{prefix}.registry.name") ?? "default-registry", Get($"{prefix}.schemaName") ?? topic);
        }))];
}
