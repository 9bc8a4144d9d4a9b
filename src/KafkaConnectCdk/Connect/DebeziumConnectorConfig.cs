using System.Globalization;
using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Connect;

/// <summary>Turns a <see cref="ConnectorDefinition"/> into the Debezium MySQL 3.x configuration map.</summary>
public static class DebeziumConnectorConfig
{
    public const string ConnectorClass = "io.debezium.connector.mysql.MySqlConnector";
    public const string AvroConverter = "com.amazonaws.services.schemaregistry.kafkaconnect.AWSKafkaAvroConverter";
    public const string JsonConverter = "org.apache.kafka.connect.json.JsonConverter";

    /// <summary>MySQL's server_id is a 32-bit unsigned value; ids below the floor stay free for hand-made replicas.</summary>
    private const uint ServerIdFloor = 1_000_000;

    public static string SchemaHistoryTopic(ConnectorDefinition connector) => $"{connector.TopicPrefix}.schema-history";

    public static string HeartbeatTopic(ConnectorDefinition connector) => $"__debezium-heartbeat.{connector.TopicPrefix}";

    /// <summary>The consumer group Debezium's schema-history consumer joins (schema.history.internal.name).</summary>
    public static string SchemaHistoryConsumerGroup(ConnectorDefinition connector) => $"{connector.Name}-schemahistory";

    public static string KeySchemaName(ConnectorDefinition connector) => $"{DataTopic(connector)}-key";

    public static string ValueSchemaName(ConnectorDefinition connector) => $"{DataTopic(connector)}-value";

    /// <summary>Debezium's topic for a table: prefix.database.table.</summary>
    public static string DataTopic(ConnectorDefinition connector) => $"{connector.TopicPrefix}.{connector.Tables.Single()}";

    /// <summary>
    /// A replication client id unique per environment and connector, stable across deployments (FNV-1a of both names),
    /// so that a redeploy never makes two connectors evict each other from the binlog stream.
    /// </summary>
    public static long ServerId(string environmentName, ConnectorDefinition connector)
    {
        if (connector.ServerId is { } configured)
        {
            return configured;
        }

        var hash = 2166136261u;
        foreach (var character in $"{environmentName}/{connector.Name}")
        {
            hash = unchecked((hash ^ character) * 16777619u);
        }

        return ServerIdFloor + (hash % (uint.MaxValue - ServerIdFloor));
    }

    public static IReadOnlyDictionary<string, string> Build(ConnectorDefinition connector, ConnectorEnvironment environment)
    {
        var config = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector.class"] = ConnectorClass,
            // The MySQL connector reads one binlog stream: it never runs more than one task.
            ["tasks.max"] = "1",
            ["database.hostname"] = environment.DatabaseHost,
            ["database.port"] = environment.DatabasePort.ToString(CultureInfo.InvariantCulture),
            ["database.user"] = environment.DatabaseUser,
            ["database.password"] = environment.DatabasePasswordReference,
            // The server refuses plain connections (require_secure_transport=ON).
            ["database.ssl.mode"] = "required",
            ["database.server.id"] = ServerId(environment.EnvironmentName, connector).ToString(CultureInfo.InvariantCulture),
            ["topic.prefix"] = connector.TopicPrefix,
            ["database.include.list"] = string.Join(',', connector.Databases),
            ["table.include.list"] = string.Join(',', connector.Tables),
            ["snapshot.mode"] = connector.SnapshotMode,
            ["snapshot.locking.mode"] = "minimal",
            ["schema.history.internal.kafka.bootstrap.servers"] = environment.BootstrapServers,
            ["schema.history.internal.kafka.topic"] = SchemaHistoryTopic(connector),
            ["schema.history.internal.store.only.captured.tables.ddl"] = "true",
            ["heartbeat.interval.ms"] = connector.HeartbeatIntervalMs.ToString(CultureInfo.InvariantCulture),
            ["topic.creation.default.replication.factor"] = "3",
            ["topic.creation.default.partitions"] = "1",
            ["topic.creation.default.cleanup.policy"] = "delete",
        };

        // The schema-history producer and consumer are plain Kafka clients: they do not inherit the worker's SASL/IAM settings.
        foreach (var (key, value) in MskIamClient.ClientSettings)
        {
            config[$"schema.history.internal.producer.{key}"] = value;
            config[$"schema.history.internal.consumer.{key}"] = value;
        }

        if (connector.Format == ConnectorFormats.Avro)
        {
            AddGlueAvroConverter(config, "key.converter", KeySchemaName(connector), connector, environment);
            AddGlueAvroConverter(config, "value.converter", ValueSchemaName(connector), connector, environment);
        }
        else
        {
            AddJsonConverters(config);
        }

        return config;
    }

    /// <summary>Kafka's JsonConverter with schemas embedded in every record, for keys and values.</summary>
    public static void AddJsonConverters(IDictionary<string, string> config)
    {
        config["key.converter"] = JsonConverter;
        config["value.converter"] = JsonConverter;
        config["key.converter.schemas.enable"] = "true";
        config["value.converter.schemas.enable"] = "true";
    }

    /// <summary>The Glue Schema Registry converter under <paramref name="prefix"/>; sources and sinks of a connector share it.</summary>
    public static void AddGlueAvroConverter(
        IDictionary<string, string> config, string prefix, string schemaName, ConnectorDefinition connector, ConnectorEnvironment environment)
    {
        config[prefix] = AvroConverter;
        config[$"{prefix}.region"] = environment.Region;
        config[$"{prefix}.registry.name"] = environment.RegistryName;
        config[$"{prefix}.schemaAutoRegistrationEnabled"] = "true";
        // Without it the converter fails with a NullPointerException (awslabs/aws-glue-schema-registry#128).
        config[$"{prefix}.avroRecordType"] = "GENERIC_RECORD";
        config[$"{prefix}.compatibility"] = connector.Compatibility ?? environment.RegistryCompatibility;
        config[$"{prefix}.dataFormat"] = "AVRO";
        // The default schema name is the topic for key and value alike: the two would overwrite each other.
        config[$"{prefix}.schemaName"] = schemaName;
    }
}
