using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Connect.Strimzi;

namespace KafkaConnectCdk.Tests.Connect;

/// <summary>Literal inputs for the pure builders, so that their output can be compared with golden files.</summary>
public static class ConnectFixtures
{
    public static readonly ConnectorDefinition JsonConnector = new()
    {
        Name = "fullfillment-json",
        TopicPrefix = "fullfillment",
        Databases = ["test_db"],
        Tables = ["test_db.person"],
        Format = ConnectorFormats.Json,
    };

    public static readonly ConnectorDefinition AvroConnector = JsonConnector with
    {
        Name = "fullfillment-avro",
        TopicPrefix = "fullfillment_avro",
        Format = ConnectorFormats.Avro,
    };

    public static readonly ConnectorEnvironment Environment = new(
        EnvironmentName: "dev",
        BootstrapServers: "b-1.kcc-dev.abc123.c2.kafka.eu-west-1.amazonaws.com:9098,b-2.kcc-dev.abc123.c2.kafka.eu-west-1.amazonaws.com:9098",
        DatabaseHost: "kcc-dev-mysql.abcdefghijkl.eu-west-1.rds.amazonaws.com",
        DatabasePort: 3306,
        DatabaseUser: "cdc_connector",
        DatabasePasswordReference: ConnectClusterNames.PasswordReference,
        Region: "eu-west-1",
        RegistryName: "kcc-dev",
        KeyRegistryName: "kcc-dev-keys",
        RegistryCompatibility: "BACKWARD");

    public static ConnectManifestSettings Settings(string managementMode) => new(
        new ConnectClusterNames("kcc-dev"),
        new ConnectConfig { ManagementMode = managementMode, Connectors = [JsonConnector, AvroConnector] },
        "111111111111.dkr.ecr.eu-west-1.amazonaws.com/cdk-hnb659fds-container-assets-111111111111-eu-west-1:0123abcd",
        Environment.BootstrapServers,
        "arn:aws:secretsmanager:eu-west-1:111111111111:secret:kcc-dev/mysql/connector-AbCdEf",
        ["10.10.255.208/28", "10.10.255.224/28", "10.10.255.240/28"],
        ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2", "subnet-0aaaaaaaaaaaaaaa3"],
        "sg-0123456789abcdef0");

    public static IReadOnlyList<ManagedConnector> Connectors() =>
        [.. new[] { JsonConnector, AvroConnector }.Select(connector => DebeziumConnectorConfig.Managed(connector, Environment))];
}
