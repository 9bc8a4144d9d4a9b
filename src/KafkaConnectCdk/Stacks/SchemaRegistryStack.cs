using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Constructs.SchemaRegistry;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Stacks;

public sealed class SchemaRegistryStackProps : PlatformStackProps
{
    public required SchemaRegistryConfig SchemaRegistry { get; init; }
}

/// <summary>The Glue Schema Registry the Avro and JSON Schema converters write to.</summary>
public sealed class SchemaRegistryStack : PlatformStack
{
    public const string Component = "schema-registry";

    public SchemaRegistryStack(Construct scope, SchemaRegistryStackProps props) : base(scope, Component, props) =>
        Registry = new GlueSchemaRegistry(this, "SchemaRegistry", new GlueSchemaRegistryProps(
            RegistryName: props.SchemaRegistry.Name ?? props.Identity.NamePrefix,
            Registry: props.SchemaRegistry));

    public GlueSchemaRegistry Registry { get; }
}
