using KafkaConnectCdk.Constructs.Lakehouse;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Lakehouse;
using SchemaGate;

namespace KafkaConnectCdk.Tests.Connect;

/// <summary>
/// The Apache Iceberg sink's configuration, checked against what the sink 1.11.0 reads. Upstream paths are in
/// github.com/apache/iceberg at tag apache-iceberg-1.11.0 under kafka-connect/kafka-connect/src/main/java/org/apache/iceberg/connect/
/// unless named otherwise.
/// </summary>
[Trait("Category", "Unit")]
public sealed class IcebergSinkConfigTests
{
    private static readonly IcebergSinkEnvironment Environment = new(
        Connectors: ConnectFixtures.Environment,
        DatabaseName: "kcc_dev_lakehouse",
        WarehouseLocation: "s3://kcc-dev-lakehouse-bucket/warehouse",
        CommitIntervalSeconds: 300);

    private static IcebergSinkDefinition Sink(ConnectorDefinition source) =>
        new(source, [.. source.Tables.Select(table => new LandedTable(source, SqlParser.ParseCreateTable(
            File.ReadAllText(TestKit.RepositoryFiles.PathOf("migrations", "schema", table.Split('.')[1] + ".sql")), table.Split('.')[0])))]);

    private static IReadOnlyDictionary<string, string> Config(ConnectorDefinition source) => IcebergSinkConnectorConfig.Managed(Sink(source), Environment).Config;

    /// <summary>
    /// Keys IcebergSinkConfig.java:60-106 defines or reads by prefix (iceberg.catalog.*, iceberg.kafka.*,
    /// iceberg.table.&lt;table&gt;.*), plus Kafka Connect's own connector keys (ConnectorConfig, SinkConnectorConfig:
    /// connector.class, tasks.max, topics, transforms, converters). Anything else would be silently ignored (#15046).
    /// </summary>
    private static readonly string[] SinkKeys =
    [
        "iceberg.tables", "iceberg.tables.dynamic-enabled", "iceberg.tables.route-field", "iceberg.tables.evolve-schema-enabled",
        "iceberg.tables.auto-create-enabled", "iceberg.control.topic", "iceberg.control.group-id-prefix",
        "iceberg.control.commit.interval-ms", "iceberg.control.commit.timeout-ms", "iceberg.coordinator.transactional.prefix",
    ];

    private static readonly string[] SinkPrefixes = ["iceberg.catalog.", "iceberg.kafka.", "iceberg.table."];

    private static readonly string[] ConnectKeys = ["connector.class", "tasks.max", "topics", "transforms", "transforms.debezium.type"];

    [Theory]
    [InlineData("json")]
    [InlineData("avro")]
    public void Every_key_is_one_the_sink_or_kafka_connect_reads(string format)
    {
        foreach (var key in Config(Source(format)).Keys)
        {
            Assert.True(
                SinkKeys.Contains(key) || ConnectKeys.Contains(key) || SinkPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal))
                    || key.StartsWith("key.converter", StringComparison.Ordinal) || key.StartsWith("value.converter", StringComparison.Ordinal),
                $"{key} is not read by IcebergSinkConfig 1.11.0 or Kafka Connect");
        }
    }

    [Fact]
    public void The_connector_class_and_the_transform_are_the_1_11_0_classes()
    {
        var config = Config(ConnectFixtures.JsonConnector);

        // docs/docs/kafka-connect.md; kafka-connect-transforms/.../transforms/DebeziumTransform.java (added in 1.9.0, #11936).
        Assert.Equal("org.apache.iceberg.connect.IcebergSinkConnector", config["connector.class"]);
        Assert.Equal("debezium", config["transforms"]);
        Assert.Equal("org.apache.iceberg.connect.transforms.DebeziumTransform", config["transforms.debezium.type"]);
        // DebeziumTransform needs the full envelope (op, before, after, source): no unwrapping transform before it.
        Assert.DoesNotContain(config.Values, value => value.Contains("ExtractNewRecordState", StringComparison.Ordinal));
    }

    [Fact]
    public void It_reads_the_landed_tables_topics_and_writes_each_to_its_changelog()
    {
        var config = Config(ConnectFixtures.JsonConnector);

        Assert.Equal("fullfillment.test_db.person", config["topics"]);
        Assert.Equal("1", config["tasks.max"]);
        Assert.Equal("kcc_dev_lakehouse.fullfillment_test_db_person_changelog", config["iceberg.tables"]);
    }

    /// <summary>
    /// IcebergSinkConfig.validate() (:275-285): static tables and dynamic routing exclude each other. With a route
    /// field, SinkWriter.routeRecordStatically writes a record to each table whose route-regex matches the field's value
    /// whole (Pattern.matcher(...).matches()); without one it writes every record to every table. DebeziumTransform sets
    /// _cdc.source to source.db + "." + source.table (setTableAndTargetFromSourceStruct); RecordUtils.extractFromRecordValue
    /// follows the dotted path into the struct.
    /// </summary>
    [Fact]
    public void Records_are_routed_by_their_source_table_to_exactly_one_changelog()
    {
        var config = Config(ConnectFixtures.AvroConnector);

        Assert.False(config.ContainsKey("iceberg.tables.dynamic-enabled"));
        Assert.Equal("_cdc.source", config["iceberg.tables.route-field"]);
        // java.util.regex.Pattern: \Q...\E quotes its contents, so the dot is literal and nothing else matches.
        Assert.Equal(@"\Qtest_db.person\E", config["iceberg.table.kcc_dev_lakehouse.fullfillment_avro_test_db_person_changelog.route-regex"]);
    }

    /// <summary>
    /// CatalogProperties.java (core): catalog-impl, io-impl, warehouse; AwsClientProperties.CLIENT_REGION (aws):
    /// client.region; CatalogUtil.buildIcebergCatalog refuses a catalog with both type and catalog-impl set (:346).
    /// </summary>
    [Fact]
    public void The_catalog_is_glue_with_s3fileio_over_the_lakehouse_warehouse()
    {
        var config = Config(ConnectFixtures.JsonConnector);

        Assert.Equal("org.apache.iceberg.aws.glue.GlueCatalog", config["iceberg.catalog.catalog-impl"]);
        Assert.Equal("org.apache.iceberg.aws.s3.S3FileIO", config["iceberg.catalog.io-impl"]);
        Assert.Equal("s3://kcc-dev-lakehouse-bucket/warehouse", config["iceberg.catalog.warehouse"]);
        Assert.Equal("eu-west-1", config["iceberg.catalog.client.region"]);
        Assert.False(config.ContainsKey("iceberg.catalog.type"));
        // Tables are created by the lakehouse stack with their types: the sink must not create others (IcebergWriterFactory).
        Assert.False(config.ContainsKey("iceberg.tables.auto-create-enabled"));
        Assert.Equal("true", config["iceberg.tables.evolve-schema-enabled"]);
    }

    [Fact]
    public void The_commit_interval_and_control_names_come_from_the_lakehouse_configuration_and_the_sink_name()
    {
        var config = IcebergSinkConnectorConfig.Managed(Sink(ConnectFixtures.JsonConnector), Environment with { CommitIntervalSeconds = 120 }).Config;

        // IcebergSinkConfig: iceberg.control.commit.interval-ms is an INT of milliseconds (default 300000).
        Assert.Equal("120000", config["iceberg.control.commit.interval-ms"]);
        // iceberg.control.commit.timeout-ms, an INT of milliseconds: the commit-stall alarm's period counts on 30 s.
        Assert.Equal("30000", config["iceberg.control.commit.timeout-ms"]);
        Assert.Equal(30, LakehouseMonitoring.CommitTimeoutSeconds);
        Assert.Equal("__iceberg-control.fullfillment", config["iceberg.control.topic"]);
        Assert.Equal("cg-control-fullfillment-json-iceberg-", config["iceberg.control.group-id-prefix"]);
        Assert.Equal("iceberg-fullfillment-json-iceberg-", config["iceberg.coordinator.transactional.prefix"]);
    }

    /// <summary>
    /// The coordinator is elected through describeConsumerGroups(connect-&lt;name&gt;); a different consumer group makes
    /// it elect no one and commit nothing (apache/iceberg#12608, #12610). IcebergSinkConfig.connectGroupId() is
    /// "connect-" + name unless iceberg.connect.group-id is set, which is Kafka Connect's own sink group name.
    /// </summary>
    [Fact]
    public void The_consumer_group_is_left_to_kafka_connect_so_that_a_coordinator_is_elected()
    {
        var config = Config(ConnectFixtures.JsonConnector);

        Assert.False(config.ContainsKey("consumer.override.group.id"));
        Assert.False(config.ContainsKey("iceberg.connect.group-id"));
        Assert.Equal("connect-fullfillment-json-iceberg", IcebergSinkConnectorConfig.ConnectGroup(ConnectFixtures.JsonConnector));
        Assert.Equal("connect-fullfillment-json-iceberg-coord", IcebergSinkConnectorConfig.CoordinatorGroup(ConnectFixtures.JsonConnector));
    }

    /// <summary>
    /// IcebergSinkConfig.loadWorkerProps() (:461-494) loads the worker's properties file, where Strimzi leaves
    /// ${strimzisecrets:...}/${strimzienv:...} placeholders the sink never resolves; iceberg.kafka.* override it (:257-258).
    /// </summary>
    [Fact]
    public void The_sinks_own_kafka_clients_get_every_msk_iam_setting_explicitly()
    {
        var config = Config(ConnectFixtures.JsonConnector);

        Assert.Equal(ConnectFixtures.Environment.BootstrapServers, config["iceberg.kafka.bootstrap.servers"]);
        Assert.Equal("SASL_SSL", config["iceberg.kafka.security.protocol"]);
        Assert.Equal("AWS_MSK_IAM", config["iceberg.kafka.sasl.mechanism"]);
        Assert.Equal("software.amazon.msk.auth.iam.IAMLoginModule required;", config["iceberg.kafka.sasl.jaas.config"]);
        Assert.Equal("software.amazon.msk.auth.iam.IAMClientCallbackHandler", config["iceberg.kafka.sasl.client.callback.handler.class"]);
        Assert.DoesNotContain(config.Values, value => value.Contains("${strimzi", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("avro")]
    public void It_reads_with_the_converters_and_registry_settings_the_source_connector_writes_with(string format)
    {
        var source = Source(format);
        var written = DebeziumConnectorConfig.Managed(source, ConnectFixtures.Environment).Config;
        var read = Config(source);

        static IEnumerable<KeyValuePair<string, string>> Converters(IReadOnlyDictionary<string, string> config) =>
            config.Where(pair => pair.Key.StartsWith("key.converter", StringComparison.Ordinal) || pair.Key.StartsWith("value.converter", StringComparison.Ordinal)).OrderBy(pair => pair.Key, StringComparer.Ordinal);

        Assert.NotEmpty(Converters(read));
        Assert.Equal(Converters(written), Converters(read));
    }

    [Fact]
    public void Json_records_are_read_with_their_embedded_schemas_as_the_source_writes_them()
    {
        var config = Config(ConnectFixtures.JsonConnector);

        Assert.Equal("org.apache.kafka.connect.json.JsonConverter", config["value.converter"]);
        Assert.Equal("true", config["value.converter.schemas.enable"]);
    }

    [Fact]
    public void Avro_records_are_read_with_the_glue_converter()
    {
        var config = Config(ConnectFixtures.AvroConnector);

        Assert.Equal("com.amazonaws.services.schemaregistry.kafkaconnect.AWSKafkaAvroConverter", config["value.converter"]);
        Assert.Equal("GENERIC_RECORD", config["value.converter.avroRecordType"]);
        Assert.Equal("eu-west-1", config["value.converter.region"]);
    }

    [Fact]
    public void One_sink_per_landed_source_connector_with_all_its_tables()
    {
        var json = ConnectFixtures.JsonConnector;
        var avro = ConnectFixtures.AvroConnector;
        var person = Sink(json).Tables[0].Definition;

        var sinks = IcebergSinkDefinition.Of([new LandedTable(json, person), new LandedTable(avro, person), new LandedTable(json, person with { Name = "orders" })]);

        Assert.Equal(["fullfillment-json", "fullfillment-avro"], sinks.Select(sink => sink.Source.Name));
        Assert.Equal(2, sinks[0].Tables.Count);
        Assert.Equal("2", IcebergSinkConnectorConfig.Managed(sinks[0], Environment).Config["tasks.max"]);
        Assert.Equal("fullfillment.test_db.person,fullfillment.test_db.orders", IcebergSinkConnectorConfig.Managed(sinks[0], Environment).Config["topics"]);
    }

    [Fact]
    public void The_definition_hash_changes_with_the_commit_interval_and_ignores_nothing_else_it_is_given()
    {
        var sink = Sink(ConnectFixtures.JsonConnector);

        Assert.Matches("^[0-9a-f]{16}$", IcebergSinkConnectorConfig.DefinitionHash(sink, Environment));
        Assert.NotEqual(IcebergSinkConnectorConfig.DefinitionHash(sink, Environment), IcebergSinkConnectorConfig.DefinitionHash(sink, Environment with { CommitIntervalSeconds = 600 }));
        Assert.Equal(IcebergSinkConnectorConfig.DefinitionHash(sink, Environment), IcebergSinkConnectorConfig.DefinitionHash(sink, Environment));
    }

    private static ConnectorDefinition Source(string format) => format == "avro" ? ConnectFixtures.AvroConnector : ConnectFixtures.JsonConnector;
}
