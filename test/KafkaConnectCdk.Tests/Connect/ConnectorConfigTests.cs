using System.Text.Json.Nodes;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Connect;

[Trait("Category", "Unit")]
public sealed class ConnectorConfigTests
{
    private static IReadOnlyDictionary<string, string> Json => DebeziumConnectorConfig.Managed(ConnectFixtures.JsonConnector, ConnectFixtures.Environment).Config;

    private static IReadOnlyDictionary<string, string> Avro => DebeziumConnectorConfig.Managed(ConnectFixtures.AvroConnector, ConnectFixtures.Environment).Config;

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
    /// AWSKafkaAvroSerializer.getSchemaName), the schema-change and heartbeat topics included; so is a naming class.
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
        Assert.Equal("FULL", DebeziumConnectorConfig.Managed(ConnectFixtures.AvroConnector with { Compatibility = "FULL" }, ConnectFixtures.Environment).Config["value.converter.compatibility"]);

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
        Assert.Equal("when_needed", DebeziumConnectorConfig.Managed(
            ConnectFixtures.JsonConnector with { AdditionalConfig = new Dictionary<string, string> { ["snapshot.mode"] = "when_needed" } },
            ConnectFixtures.Environment).Config["snapshot.mode"]);
    /// <summary>
    /// Debezium's table filter (debezium-core Selectors / Strings.setOfRegex, v3.2.0.Final) matches each include-list
    /// entry as a case-insensitive regular expression against the whole <c>database.table</c>.
    /// </summary>
    private static bool Captures(IReadOnlyDictionary<string, string> config, string table) =>
        config["database.include.list"].Split(',').Any(database => System.Text.RegularExpressions.Regex.IsMatch(table.Split('.')[0], $"^(?:{database})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        && config["table.include.list"].Split(',').Any(pattern => System.Text.RegularExpressions.Regex.IsMatch(table, $"^(?:{pattern})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase));

    /// <summary>
    /// debezium-core/src/main/java/io/debezium/heartbeat/HeartbeatFactory.java@v3.2.0.Final: with a zero
    /// heartbeat.interval.ms the heartbeat is a no-op and heartbeat.action.query never runs; otherwise
    /// DatabaseHeartbeatImpl.forcedBeat executes the query through a MySqlConnection built from the connector's own
    /// configuration (MySqlConnectorTask.java), i.e. as database.user, on every heartbeat.
    /// </summary>
    [Fact]
    public void The_heartbeat_action_query_upserts_this_connectors_row_of_a_table_the_connector_captures_and_runs_because_heartbeats_are_on()
    {
        foreach (var config in new[] { Json, Avro })
        {
            var query = config["heartbeat.action.query"];
            var table = System.Text.RegularExpressions.Regex.Match(query, @"^INSERT INTO ([a-z_]+\.[a-z_]+) ").Groups[1].Value;

            Assert.Equal("cdc_control.debezium_heartbeat", table);
            Assert.True(Captures(config, table), $"{table} is not captured by {config["table.include.list"]}");
            Assert.True(int.Parse(config["heartbeat.interval.ms"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        }

        Assert.Equal("INSERT INTO cdc_control.debezium_heartbeat (connector, beat_at) VALUES ('fullfillment-json', NOW(3)) ON DUPLICATE KEY UPDATE beat_at = NOW(3)", Json["heartbeat.action.query"]);
    }

    /// <summary>
    /// debezium-core CommonConnectorConfig.java@v3.2.0.Final: signal.enabled.channels defaults to "source", the signal
    /// table; stated so that a later default cannot switch it off. The MySQL connector reads signal rows from the binlog,
    /// so the table is captured (RelationalTableFilters.java adds it to the filter even when unlisted; we list it).
    /// </summary>
    [Fact]
    public void Signals_come_from_the_captured_signal_table()
    {
        foreach (var config in new[] { Json, Avro })
        {
            Assert.Equal("cdc_control.debezium_signal", config["signal.data.collection"]);
            Assert.Equal("source", config["signal.enabled.channels"]);
            Assert.True(Captures(config, config["signal.data.collection"]));
        }
    }

    [Fact]
    public void The_connectors_own_tables_stay_captured_and_no_other_control_table_is()
    {
        Assert.True(Captures(Json, "test_db.person"));
        Assert.False(Captures(Json, "cdc_control.other"));
    }
}
