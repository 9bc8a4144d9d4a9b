using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

    /// <summary>No table locks during snapshots, so that the source's writers are never blocked.</summary>
    public const string SnapshotLockingMode = "none";

    public static string SchemaHistoryTopic(ConnectorDefinition connector) => $"{connector.TopicPrefix}.schema-history";

    public static string HeartbeatTopic(ConnectorDefinition connector) => $"__debezium-heartbeat.{connector.TopicPrefix}";

    /// <summary>
    /// The consumer group Debezium's schema-history consumer joins: <c>schema.history.internal.name</c>, set explicitly
    /// to Debezium's own default <c>&lt;topic.prefix&gt;-schemahistory</c> (debezium v3.2.0.Final
    /// HistorizedRelationalDatabaseConnectorConfig; KafkaSchemaHistory uses it as the consumer's group.id).
    /// </summary>
    public static string SchemaHistoryConsumerGroup(ConnectorDefinition connector) => $"{connector.TopicPrefix}-schemahistory";

    /// <summary>Debezium's topic for a table: prefix.database.table.</summary>
    public static string DataTopic(ConnectorDefinition connector, string table) => $"{connector.TopicPrefix}.{table}";

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

    /// <summary>
    /// The MySQL connector reads one binlog stream: it refuses more than one task ("Only a single connector task may be
    /// started", debezium v3.2.0.Final debezium-connector-binlog BinlogConnector.taskConfigs).
    /// </summary>
    public const int TasksMax = 1;

    /// <summary>The connector as the platform registers it: the generated settings, then the definition's additional ones.</summary>
    public static ManagedConnector Managed(ConnectorDefinition connector, ConnectorEnvironment environment)
    {
        var settings = new SortedDictionary<string, string>(Build(connector, environment).ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in connector.AdditionalConfig)
        {
            settings[key] = value;
        }

        return new ManagedConnector(connector.Name, ConnectorRole.Source, ConnectorClass, TasksMax, settings, DefinitionHash(connector));
    }

    /// <summary>Changes whenever the definition does, so that CloudFormation sends an Update even if tokens hide the difference.</summary>
    public static string DefinitionHash(ConnectorDefinition connector) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(connector))))[..16];

    /// <summary>The generated settings, without the class and the task count (typed on <see cref="ManagedConnector"/>).</summary>
    public static IReadOnlyDictionary<string, string> Build(ConnectorDefinition connector, ConnectorEnvironment environment)
    {
        var config = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["database.hostname"] = environment.DatabaseHost,
            ["database.port"] = environment.DatabasePort.ToString(CultureInfo.InvariantCulture),
            ["database.user"] = environment.DatabaseUser,
            ["database.password"] = environment.DatabasePasswordReference,
            // The server refuses plain connections (require_secure_transport=ON).
            ["database.ssl.mode"] = "required",
            ["database.server.id"] = ServerId(environment.EnvironmentName, connector).ToString(CultureInfo.InvariantCulture),
            ["topic.prefix"] = connector.TopicPrefix,
            // The control database and its two tables are captured too: the heartbeat canary and the signal table.
            ["database.include.list"] = string.Join(',', [.. connector.Databases, CdcControlTables.Database]),
            ["table.include.list"] = string.Join(',', [.. connector.Tables, CdcControlTables.IncludePattern(CdcControlTables.HeartbeatTable), CdcControlTables.IncludePattern(CdcControlTables.SignalTable)]),
            ["snapshot.mode"] = connector.SnapshotMode,
            // RDS refuses FLUSH TABLES WITH READ LOCK, so "minimal" would hold LOCK TABLES on the captured tables for the
            // whole initial snapshot and block their writers. "none" takes no lock; the rows are read in a REPEATABLE
            // READ transaction that starts at the first SELECT, after the binlog position was read (Debezium 3.2
            // BinlogSnapshotChangeEventSource), so delivery is at least once. Its cost (Debezium 3.2 MySQL connector
            // docs, snapshot.locking.mode): no DDL on the captured tables may run while the snapshot does.
            ["snapshot.locking.mode"] = SnapshotLockingMode,
            ["schema.history.internal.kafka.bootstrap.servers"] = environment.BootstrapServers,
            ["schema.history.internal.kafka.topic"] = SchemaHistoryTopic(connector),
            // The history consumer's group.id; granted by name, so never left to a default (issue 16, B2).
            ["schema.history.internal.name"] = SchemaHistoryConsumerGroup(connector),
            ["schema.history.internal.store.only.captured.tables.ddl"] = "true",
            ["heartbeat.interval.ms"] = connector.HeartbeatIntervalMs.ToString(CultureInfo.InvariantCulture),
            // Each heartbeat writes a row of a captured table: a change event proves binlog, Debezium and MSK all move.
            ["heartbeat.action.query"] = CdcControlTables.HeartbeatQuery(connector.Name),
            // Incremental snapshots on request (scripts/connector-ops.sh snapshot) through the signal table.
            ["signal.data.collection"] = CdcControlTables.SignalTable,
            ["signal.enabled.channels"] = "source",
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

        AddConverters(config, connector, environment);
        return config;
    }

    /// <summary>
    /// The key and value converters of the connector's format: what its source connector writes with and its Iceberg
    /// sink reads with, defined once so that the two never differ.
    /// </summary>
    public static void AddConverters(IDictionary<string, string> config, ConnectorDefinition connector, ConnectorEnvironment environment)
    {
        if (connector.Format == ConnectorFormats.Avro)
        {
            AddGlueAvroConverter(config, "key.converter", environment.KeyRegistryName, connector, environment);
            AddGlueAvroConverter(config, "value.converter", environment.RegistryName, connector, environment);
        }
        else
        {
            AddJsonConverters(config);
        }
    }

    /// <summary>Kafka's JsonConverter with schemas embedded in every record, for keys and values.</summary>
    private static void AddJsonConverters(IDictionary<string, string> config)
    {
        config["key.converter"] = JsonConverter;
        config["value.converter"] = JsonConverter;
        config["key.converter.schemas.enable"] = "true";
        config["value.converter.schemas.enable"] = "true";
    }

    private static void AddGlueAvroConverter(
        IDictionary<string, string> config, string prefix, string registryName, ConnectorDefinition connector, ConnectorEnvironment environment)
    {
        config[prefix] = AvroConverter;
        config[$"{prefix}.region"] = environment.Region;
        // No schemaName: the serializer would use it for every topic, the schema-change and heartbeat topics too
        // (aws-glue-schema-registry v1.1.25 AWSKafkaAvroSerializer). The default naming
        // (AWSSchemaNamingStrategyDefaultImpl) names each schema after its topic, for keys and values alike, so keys
        // go to a registry of their own and every (topic, key|value) gets its own schema.
        config[$"{prefix}.registry.name"] = registryName;
        config[$"{prefix}.schemaAutoRegistrationEnabled"] = "true";
        // Without it the converter fails with a NullPointerException (awslabs/aws-glue-schema-registry#128).
        config[$"{prefix}.avroRecordType"] = "GENERIC_RECORD";
        config[$"{prefix}.compatibility"] = connector.Compatibility ?? environment.RegistryCompatibility;
        config[$"{prefix}.dataFormat"] = "AVRO";
    }
}
