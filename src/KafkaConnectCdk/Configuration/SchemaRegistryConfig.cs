namespace KafkaConnectCdk.Configuration;

/// <summary>The AWS Glue Schema Registry that the Avro and JSON Schema converters register schemas in.</summary>
public sealed record SchemaRegistryConfig
{
    public static readonly IReadOnlyList<string> CompatibilityModes =
        ["NONE", "DISABLED", "BACKWARD", "BACKWARD_ALL", "FORWARD", "FORWARD_ALL", "FULL", "FULL_ALL"];

    public static readonly IReadOnlyList<string> DataFormats = ["AVRO", "JSON", "PROTOBUF"];

    /// <summary>Appended to the registry name for the registry of key schemas (keys and values are both named after their topic).</summary>
    public const string KeyRegistrySuffix = "-keys";

    /// <summary>Whether the environment has a registry; Avro connectors need one.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Name of the value schemas' registry; the key schemas' registry is this name + <see cref="KeyRegistrySuffix"/>. Default: <c>&lt;project&gt;-&lt;environment&gt;</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Compatibility of schemas the connectors register, BACKWARD as in the seed's schema-evolution tests.</summary>
    public string Compatibility { get; init; } = "BACKWARD";

    /// <summary>Schemas declared ahead of the connectors (optional).</summary>
    public IReadOnlyList<DeclaredSchemaConfig> Schemas { get; init; } = [];
}
