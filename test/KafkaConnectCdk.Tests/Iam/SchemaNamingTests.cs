using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Iam;

/// <summary>
/// Issue 16, B1: every record shape a converter serializes gets its own Glue schema. The topics come from the synthesized
/// connector configs with Debezium's defaults (data topics, the schema-change topic, the heartbeat topic), the names from
/// the Glue serializer's own rules (<see cref="ConnectorClients.SerializedRecords"/>, aws-glue-schema-registry v1.1.25).
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class SchemaNamingTests(SynthesizedPlatform platform)
{
    public static TheoryData<string> Environments => new() { "dev", "prod" };

    public static IReadOnlyList<string> Collisions(IEnumerable<SerializedRecord> records) =>
        [.. records.GroupBy(record => (record.Registry, record.SchemaName))
            .Where(group => group.Select(record => (record.Topic, record.IsKey)).Distinct().Count() > 1)
            .Select(group => $"{group.Key.Registry}/{group.Key.SchemaName} <- {string.Join(", ", group.Select(record => $"{record.Topic} {(record.IsKey ? "key" : "value")}"))}")];

    [Theory]
    [MemberData(nameof(Environments))]
    public void No_two_record_shapes_share_a_glue_schema(string environment)
    {
        var matrix = new AccessMatrix(platform, platform.Environment(environment));
        var records = matrix.Connectors.Where(connector => connector.UsesGlueConverter).SelectMany(connector => connector.SerializedRecords).ToList();

        // person key/value, schema-change key/value, heartbeat key/value of the avro connector.
        Assert.Equal(6, records.Count);
        Assert.Empty(Collisions(records));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_schema_lands_in_a_registry_the_templates_create(string environment)
    {
        var matrix = new AccessMatrix(platform, platform.Environment(environment));
        var registries = matrix.Stacks.SelectMany(stack => stack.Resources.Select(pair => pair.Value!)
            .Where(resource => (string?)resource["Type"] == "AWS::Glue::Registry")
            .Select(resource => (string)resource["Properties"]!["Name"]!)).ToHashSet();

        Assert.All(matrix.Connectors.Where(connector => connector.UsesGlueConverter).SelectMany(connector => connector.SerializedRecords),
            record => Assert.Contains(record.Registry, registries));
    }

    /// <summary>The old configuration (a fixed schemaName per side) makes the schema-change and heartbeat records versions of the row's schema.</summary>
    [Fact]
    public void A_fixed_schema_name_is_detected_as_a_collision()
    {
        var old = new ConnectorClients(new Dictionary<string, string>
        {
            ["topic.prefix"] = "fullfillment_avro",
            ["table.include.list"] = "test_db.person",
            ["heartbeat.interval.ms"] = "10000",
            ["value.converter"] = "com.amazonaws.services.schemaregistry.kafkaconnect.AWSKafkaAvroConverter",
            ["key.converter.registry.name"] = "kcc-dev",
            ["value.converter.registry.name"] = "kcc-dev",
            ["key.converter.schemaName"] = "fullfillment_avro.test_db.person-key",
            ["value.converter.schemaName"] = "fullfillment_avro.test_db.person-value",
        });

        Assert.Equal(2, Collisions(old.SerializedRecords).Count);
    }

    /// <summary>One registry for keys and values under default naming: each topic's key and value would share a schema.</summary>
    [Fact]
    public void Default_naming_in_one_registry_is_detected_as_a_collision()
    {
        var shared = new ConnectorClients(new Dictionary<string, string>
        {
            ["topic.prefix"] = "p",
            ["table.include.list"] = "db.a,db.b",
            ["value.converter"] = "com.amazonaws.services.schemaregistry.kafkaconnect.AWSKafkaAvroConverter",
            ["key.converter.registry.name"] = "r",
            ["value.converter.registry.name"] = "r",
        });

        Assert.Equal(3, Collisions(shared.SerializedRecords).Count);
    }
}
