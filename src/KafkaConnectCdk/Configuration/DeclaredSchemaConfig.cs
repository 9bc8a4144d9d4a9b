namespace KafkaConnectCdk.Configuration;

/// <summary>A schema created with the registry instead of auto-registered by a converter.</summary>
public sealed record DeclaredSchemaConfig
{
    /// <summary>The schema name: the topic, as the converters name schemas (aws-glue-schema-registry AWSSchemaNamingStrategyDefaultImpl).</summary>
    public string Name { get; init; } = "";

    /// <summary>Whether this is a key schema, created in the keys registry; default false (a value schema).</summary>
    public bool Key { get; init; }

    public string DataFormat { get; init; } = "AVRO";

    /// <summary>Compatibility of this schema. Default: the registry's.</summary>
    public string? Compatibility { get; init; }

    /// <summary>The first version's definition (Avro JSON, JSON Schema or Protobuf text).</summary>
    public string Definition { get; init; } = "";
}
