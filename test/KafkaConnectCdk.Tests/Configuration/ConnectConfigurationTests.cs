using System.Text.Json.Nodes;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Configuration;

[Trait("Category", "Unit")]
public sealed class ConnectConfigurationTests
{
    private const string ValidPlatform = """
        {
          "project": "kcc",
          "environments": [
            { "name": "dev", "account": "111111111111", "region": "eu-west-1",
              "kubernetes": { "adminPrincipalArn": "arn:aws:iam::111111111111:role/PlatformAdmin" },
              "connect": { "connectors": [
                { "name": "people-json", "topicPrefix": "people", "databases": ["test_db"], "tables": ["test_db.person"] },
                { "name": "people-avro", "topicPrefix": "people_avro", "databases": ["test_db"], "tables": ["test_db.person"], "format": "avro" } ] } }
          ]
        }
        """;

    private static string ErrorWhen(Action<JsonNode> change)
    {
        var platform = JsonNode.Parse(ValidPlatform)!;
        change(platform["environments"]![0]!);
        return Assert.Throws<ConfigurationException>(() => PlatformConfigLoader.FromJson(platform.ToJsonString())).Message;
    }

    private static JsonNode Connector(JsonNode environment, int index) => environment["connect"]!["connectors"]![index]!;

    [Fact]
    public void The_valid_definitions_load() =>
        Assert.Equal(2, PlatformConfigLoader.FromJson(ValidPlatform).Platform.Environments[0].Connect.Connectors.Count);

    [Fact]
    public void Fails_when_a_connector_lists_the_control_database_itself() =>
        Assert.Contains(
            "platform.environments[0](dev).connect.connectors[0](people-json).databases: 'cdc_control' holds the heartbeat and signal tables every connector captures already.",
            ErrorWhen(environment => Connector(environment, 0)["databases"] = new JsonArray("test_db", "cdc_control")));

    [Fact]
    public void Fails_when_the_table_include_list_is_empty() =>
        Assert.Contains(
            "platform.environments[0](dev).connect.connectors[0](people-json).tables: the include list is empty.",
            ErrorWhen(environment => Connector(environment, 0)["tables"] = new JsonArray()));

    [Fact]
    public void Fails_when_the_database_include_list_is_empty() =>
        Assert.Contains(
            "platform.environments[0](dev).connect.connectors[0](people-json).databases: the include list is empty.",
            ErrorWhen(environment => Connector(environment, 0)["databases"] = new JsonArray()));

    [Fact]
    public void Fails_when_two_connectors_share_a_name() =>
        Assert.Contains(
            "platform.environments[0](dev).connect.connectors: the connector name 'people-json' is used 2 times.",
            ErrorWhen(environment => Connector(environment, 1)["name"] = "people-json"));

    [Fact]
    public void Fails_when_two_connectors_share_a_server_id()
    {
        var message = ErrorWhen(environment =>
        {
            Connector(environment, 0)["serverId"] = 5555;
            Connector(environment, 1)["serverId"] = 5555;
        });

        Assert.Contains("connect.connectors: the database server id 5555 is shared by people-json and people-avro.", message);
    }

    [Fact]
    public void Fails_when_two_connectors_share_a_topic_prefix() =>
        Assert.Contains(
            "the topic prefix 'people' is used by people-json and people-avro",
            ErrorWhen(environment => Connector(environment, 1)["topicPrefix"] = "people"));

    [Fact]
    public void Fails_when_the_topic_prefix_has_invalid_characters() =>
        Assert.Contains(
            "platform.environments[0](dev).connect.connectors[0](people-json).topicPrefix: 'people/v1' is not a valid topic prefix.",
            ErrorWhen(environment => Connector(environment, 0)["topicPrefix"] = "people/v1"));

    [Fact]
    public void Fails_when_a_connector_config_holds_a_literal_password() =>
        Assert.Contains(
            "platform.environments[0](dev).connect.connectors[0](people-json).additionalConfig.database.password: a literal secret in a connector config",
            ErrorWhen(environment => Connector(environment, 0)["additionalConfig"] = new JsonObject { ["database.password"] = "hunter2" }));

    [Fact]
    public void A_password_reference_in_additional_config_is_accepted()
    {
        var platform = JsonNode.Parse(ValidPlatform)!;
        Connector(platform["environments"]![0]!, 0)["additionalConfig"] = new JsonObject { ["database.password"] = "${dir:/mnt/other:password}" };

        Assert.Single(PlatformConfigLoader.FromJson(platform.ToJsonString()).Platform.Environments);
    }

    [Fact]
    public void Fails_when_a_debezium_1_x_key_is_used() =>
        Assert.Contains(
            "additionalConfig.database.server.name: a Debezium 1.x key that Debezium 3.x no longer reads. Fix: remove it; use topicPrefix.",
            ErrorWhen(environment => Connector(environment, 0)["additionalConfig"] = new JsonObject { ["database.server.name"] = "people" }));

    /// <summary>
    /// Keys of the connector's shape, not its settings: debezium v3.2.0.Final BinlogConnector.taskConfigs throws "Only a
    /// single connector task may be started" above one task (and Kafka's ConfigDef refuses a tasks.max that is not an
    /// INT); apache/kafka ConnectorsResource.checkAndPutConnectorConfigName refuses a name other than the URL's; Strimzi
    /// 1.2.0's KafkaConnector CRD forbids all four in spec.config ("The following properties cannot be set").
    /// </summary>
    [Theory]
    [InlineData("tasks.max", "2", "the platform sets the task count")]
    [InlineData("tasks.max", "one", "the platform sets the task count")]
    [InlineData("connector.class", "io.debezium.connector.postgresql.PostgresConnector", "the platform runs the Debezium MySQL connector")]
    [InlineData("name", "other", "Kafka Connect names a connector after its URL")]
    [InlineData("connector.plugin.version", "3.3.0.Final", "the Connect image pins the connector's version")]
    public void Fails_when_additional_config_sets_a_key_of_the_connectors_shape(string key, string value, string problem) =>
        Assert.Contains(
            $"platform.environments[0](dev).connect.connectors[0](people-json).additionalConfig.{key}: {problem}",
            ErrorWhen(environment => Connector(environment, 0)["additionalConfig"] = new JsonObject { [key] = value }));

    [Fact]
    public void The_refused_shape_keys_are_the_ones_strimzi_forbids_in_a_kafka_connector_config()
    {
        var keys = StrimziSchemas.KafkaConnectorForbiddenConfigKeys();

        Assert.Equal(4, keys.Count);
        Assert.All(keys, key => Assert.Contains(
            $"additionalConfig.{key}:",
            ErrorWhen(environment => Connector(environment, 0)["additionalConfig"] = new JsonObject { [key] = "x" }), StringComparison.Ordinal));
    }

    [Fact]
    public void Fails_when_an_avro_connector_has_no_registry() =>
        Assert.Contains(
            "platform.environments[0](dev).connect.connectors[1](people-avro).format: an avro connector needs the Glue Schema Registry, which this environment turns off.",
            ErrorWhen(environment => environment["schemaRegistry"] = new JsonObject { ["enabled"] = false }));

    [Fact]
    public void An_avro_connector_may_capture_several_tables_because_every_topic_has_its_own_schemas()
    {
        var platform = JsonNode.Parse(ValidPlatform)!;
        Connector(platform["environments"]![0]!, 1)["tables"] = new JsonArray("test_db.person", "test_db.address");

        Assert.Equal(2, PlatformConfigLoader.FromJson(platform.ToJsonString()).Platform.Environments[0].Connect.Connectors[1].Tables.Count);
    }

    [Theory]
    [InlineData("schema.history.internal.name")]
    [InlineData("schema.history.internal.consumer.group.id")]
    [InlineData("schema.history.internal.kafka.topic")]
    [InlineData("topic.prefix")]
    [InlineData("topic.heartbeat.prefix")]
    [InlineData("topic.naming.strategy")]
    [InlineData("value.converter.schemaName")]
    [InlineData("key.converter.registry.name")]
    public void Fails_when_additional_config_renames_what_the_platform_grants(string key) =>
        Assert.Contains(
            $"connectors[1](people-avro).additionalConfig.{key}: a key that names the topics, consumer groups or schemas the platform grants access to",
            ErrorWhen(environment => Connector(environment, 1)["additionalConfig"] = new JsonObject { [key] = "other" }));

    [Fact]
    public void Fails_when_the_registry_name_leaves_no_room_for_the_keys_registry() =>
        Assert.Contains(
            "schemaRegistry.name: '" + new string('r', 252) + "' leaves no room for the keys registry '<name>-keys' within Glue's 255 characters. Fix: use at most 250 characters.",
            ErrorWhen(environment => environment["schemaRegistry"] = new JsonObject { ["name"] = new string('r', 252) }));

    [Fact]
    public void Fails_when_a_table_is_outside_the_included_databases() =>
        Assert.Contains(
            "tables: 'crm.person' is in database 'crm', which the connector does not include.",
            ErrorWhen(environment => Connector(environment, 0)["tables"] = new JsonArray("crm.person")));

    [Fact]
    public void Fails_when_the_kubernetes_version_has_no_matching_kubectl_layer() =>
        Assert.Contains(
            "platform.environments[0](dev).kubernetes.version: Kubernetes 1.36 has no matching kubectl layer in this build",
            ErrorWhen(environment => environment["kubernetes"]!["version"] = "1.36"));

    [Fact]
    public void Fails_when_the_admin_principal_is_missing() =>
        Assert.Contains(
            "platform.environments[0](dev).kubernetes.adminPrincipalArn: '' is not an IAM role or user ARN.",
            ErrorWhen(environment => environment["kubernetes"] = new JsonObject()));

    [Fact]
    public void Fails_when_the_api_endpoint_is_opened_to_the_internet() =>
        Assert.Contains(
            "kubernetes.publicEndpointCidrs: '0.0.0.0/0' opens the API endpoint to the internet.",
            ErrorWhen(environment => environment["kubernetes"]!["publicEndpointCidrs"] = new JsonArray("0.0.0.0/0")));

    [Fact]
    public void Fails_when_nodes_do_not_cover_every_zone() =>
        Assert.Contains(
            "kubernetes.minNodes: 2 nodes cannot cover 3 zones.",
            ErrorWhen(environment => environment["kubernetes"]!["minNodes"] = 2));

    [Fact]
    public void Fails_when_the_connect_kafka_version_is_not_supported_by_strimzi() =>
        Assert.Contains(
            "connect.kafkaVersion: Kafka 3.9.0 is not supported by Strimzi 1.2.0. Fix: use one of 4.2.0, 4.2.1, 4.3.0, 4.3.1.",
            ErrorWhen(environment => environment["connect"]!["kafkaVersion"] = "3.9.0"));

    [Fact]
    public void Fails_when_the_management_mode_is_unknown() =>
        Assert.Contains(
            "connect.managementMode: 'operator' is not a management mode. Fix: use rest or strimzi.",
            ErrorWhen(environment => environment["connect"]!["managementMode"] = "operator"));

    [Fact]
    public void Fails_when_a_node_type_is_not_graviton() =>
        Assert.Contains(
            "kubernetes.nodeInstanceTypes: 'm7i.large' is not a Graviton (arm64) type",
            ErrorWhen(environment => environment["kubernetes"]!["nodeInstanceTypes"] = new JsonArray("m7i.large")));
}
