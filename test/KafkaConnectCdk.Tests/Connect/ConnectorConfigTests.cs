using System.Text.Json.Nodes;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Connect;

[Trait("Category", "Unit")]
public sealed class ConnectorConfigTests
{
    private static IReadOnlyDictionary<string, string> Json => ConnectorConfigBuilder.Build(ConnectFixtures.JsonConnector, ConnectFixtures.Environment);

    private static IReadOnlyDictionary<string, string> Avro => ConnectorConfigBuilder.Build(ConnectFixtures.AvroConnector, ConnectFixtures.Environment);

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> config) =>
        new(config.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)JsonValue.Create(pair.Value))));

    [Fact]
    public void The_json_connector_config_matches_its_golden_file() => Snapshot.Matches("connector-fullfillment-json", ToJson(Json));

    [Fact]
    public void The_avro_connector_config_matches_its_golden_file() => Snapshot.Matches("connector-fullfillment-avro", ToJson(Avro));

    [Theory]
    [InlineData("database.server.name")]
    [InlineData("database.history.kafka.topic")]
    [InlineData("database.history.kafka.bootstrap.servers")]
    public void No_debezium_1_x_key_is_generated(string removedKey)
    {
        Assert.DoesNotContain(removedKey, Json.Keys);
        Assert.DoesNotContain(removedKey, Avro.Keys);
    }

    [Fact]
    public void The_mysql_connector_runs_exactly_one_task() => Assert.Equal("1", Json["tasks.max"]);

    [Fact]
    public void The_schema_history_producer_and_consumer_get_their_own_msk_iam_settings()
    {
        foreach (var client in new[] { "producer", "consumer" })
        {
            Assert.Equal("SASL_SSL", Json[$"schema.history.internal.{client}.security.protocol"]);
            Assert.Equal("AWS_MSK_IAM", Json[$"schema.history.internal.{client}.sasl.mechanism"]);
            Assert.Equal("software.amazon.msk.auth.iam.IAMLoginModule required;", Json[$"schema.history.internal.{client}.sasl.jaas.config"]);
            Assert.Equal("software.amazon.msk.auth.iam.IAMClientCallbackHandler", Json[$"schema.history.internal.{client}.sasl.client.callback.handler.class"]);
        }

        Assert.Equal("fullfillment.schema-history", Json["schema.history.internal.kafka.topic"]);
    }

    [Fact]
    public void The_password_is_a_config_provider_reference() =>
        Assert.Equal("${dir:/mnt/connector-secrets:password}", Json["database.password"]);

    [Fact]
    public void Avro_goes_through_the_glue_converter_with_keys_and_values_in_separate_registries()
    {
        foreach (var side in new[] { "key", "value" })
        {
            Assert.Equal("com.amazonaws.services.schemaregistry.kafkaconnect.AWSKafkaAvroConverter", Avro[$"{side}.converter"]);
            Assert.Equal("eu-west-1", Avro[$"{side}.converter.region"]);
            Assert.Equal("true", Avro[$"{side}.converter.schemaAutoRegistrationEnabled"]);
            Assert.Equal("GENERIC_RECORD", Avro[$"{side}.converter.avroRecordType"]);
            Assert.Equal("BACKWARD", Avro[$"{side}.converter.compatibility"]);
        }

        Assert.Equal("kcc-dev-keys", Avro["key.converter.registry.name"]);
        Assert.Equal("kcc-dev", Avro["value.converter.registry.name"]);
    }

    /// <summary>
    /// A fixed schemaName is used for every topic the converter serializes (aws-glue-schema-registry v1.1.25
    /// GlueSchemaRegistryKafkaSerializer.getSchemaName), the schema-change and heartbeat topics included; so is a naming class.
    /// </summary>
    [Theory]
    [InlineData("schemaName")]
    [InlineData("schemaNameGenerationClass")]
    public void No_converter_fixes_the_schema_name(string key)
    {
        Assert.DoesNotContain($"key.converter.{key}", Avro.Keys);
        Assert.DoesNotContain($"value.converter.{key}", Avro.Keys);
    }

    /// <summary>The history consumer's group.id is schema.history.internal.name (debezium v3.2.0.Final KafkaSchemaHistory.configure).</summary>
    [Fact]
    public void The_schema_history_name_is_set_to_the_topic_prefix_based_group() =>
        Assert.Equal("fullfillment_avro-schemahistory", Avro["schema.history.internal.name"]);

    [Fact]
    public void A_connector_compatibility_overrides_the_registry_default() =>
        Assert.Equal("FULL", ConnectorConfigBuilder.Build(ConnectFixtures.AvroConnector with { Compatibility = "FULL" }, ConnectFixtures.Environment)["value.converter.compatibility"]);

    /// <summary>
    /// RDS refuses the global read lock, so "minimal" holds table locks for the whole snapshot; "none" takes none and is
    /// accepted with every snapshot mode (debezium v3.2.0.Final MySqlConnectorConfig.validateSnapshotLockingMode;
    /// documentation/modules/ROOT/partials/modules/all-connectors/ref-mariadb-mysql-adv-connector-cfg-props.adoc).
    /// </summary>
    [Fact]
    public void Snapshots_take_no_table_locks() => Assert.Equal("none", Json["snapshot.locking.mode"]);

    [Fact]
    public void Heartbeats_are_on() => Assert.Equal("10000", Json["heartbeat.interval.ms"]);

    [Fact]
    public void Server_ids_are_stable_distinct_per_connector_and_environment_and_in_mysql_range()
    {
        var jsonDev = DebeziumConnectorConfig.ServerId("dev", ConnectFixtures.JsonConnector);

        Assert.Equal(jsonDev, DebeziumConnectorConfig.ServerId("dev", ConnectFixtures.JsonConnector));
        Assert.NotEqual(jsonDev, DebeziumConnectorConfig.ServerId("prod", ConnectFixtures.JsonConnector));
        Assert.NotEqual(jsonDev, DebeziumConnectorConfig.ServerId("dev", ConnectFixtures.AvroConnector));
        Assert.InRange(jsonDev, 1_000_000, uint.MaxValue);
        Assert.Equal(4242, DebeziumConnectorConfig.ServerId("dev", ConnectFixtures.JsonConnector with { ServerId = 4242 }));
    }

    [Fact]
    public void Additional_config_overrides_the_generated_settings() =>
        Assert.Equal("when_needed", ConnectorConfigBuilder.Build(
            ConnectFixtures.JsonConnector with { AdditionalConfig = new Dictionary<string, string> { ["snapshot.mode"] = "when_needed" } },
            ConnectFixtures.Environment)["snapshot.mode"]);
}
