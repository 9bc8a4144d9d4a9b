using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Lakehouse;

namespace KafkaConnectCdk.Connect;

/// <summary>One Apache Iceberg sink: the source connector whose landed tables it writes, with their definitions.</summary>
public sealed record IcebergSinkDefinition(ConnectorDefinition Source, IReadOnlyList<LandedTable> Tables)
{
    /// <summary>The sinks of an environment: one per landed source connector, in the connectors' order.</summary>
    public static IReadOnlyList<IcebergSinkDefinition> Of(IReadOnlyList<LandedTable> landed) =>
    [
        .. landed.GroupBy(table => table.Connector.Name)
            .Select(group => new IcebergSinkDefinition(group.First().Connector, [.. group])),
    ];
}

/// <summary>What the sinks of one environment write to and read with; values may be CloudFormation tokens.</summary>
/// <param name="Connectors">What the source connectors use: bootstrap servers, region, schema registries.</param>
public sealed record IcebergSinkEnvironment(
    ConnectorEnvironment Connectors,
    string DatabaseName,
    string WarehouseLocation,
    int CommitIntervalSeconds);

/// <summary>
/// The configuration of the Apache Iceberg sink 1.11.0 (<c>org.apache.iceberg.connect.IcebergSinkConnector</c>) for one
/// landed source connector, and the Kafka names it uses. Keys are those of IcebergSinkConfig.java at
/// apache-iceberg-1.11.0 (kafka-connect/kafka-connect/src/main/java/org/apache/iceberg/connect/).
/// </summary>
public static class IcebergSinkConnectorConfig
{
    public const string ConnectorClass = "org.apache.iceberg.connect.IcebergSinkConnector";
    public const string DebeziumTransform = "org.apache.iceberg.connect.transforms.DebeziumTransform";
    public const string GlueCatalog = "org.apache.iceberg.aws.glue.GlueCatalog";
    public const string S3FileIo = "org.apache.iceberg.aws.s3.S3FileIO";

    /// <summary>
    /// How long the coordinator waits for the workers' files before committing what it has (iceberg.control.commit.timeout-ms,
    /// the sink's default 30000, IcebergSinkConfig.java@apache-iceberg-1.11.0). Set explicitly because the commit-stall
    /// alarm's period is the commit interval plus this.
    /// </summary>
    public const int CommitTimeoutSeconds = 30;

    /// <summary>DebeziumTransform sets <c>_cdc.source</c> to <c>db.table</c> from the envelope's source block.</summary>
    public const string RouteField = "_cdc.source";

    public static string Name(ConnectorDefinition source) => $"{source.Name}-iceberg";

    /// <summary>The sink's own control topic (pre-created; the sink never creates it).</summary>
    public static string ControlTopic(ConnectorDefinition source) => $"__iceberg-control.{source.TopicPrefix}";

    /// <summary>The Connect consumer group of the sink's tasks: "connect-" + name (IcebergSinkConfig.connectGroupId()).</summary>
    public static string ConnectGroup(ConnectorDefinition source) => $"connect-{Name(source)}";

    /// <summary>The coordinator's control-topic group: connect group + "-coord" (channel/Coordinator.java).</summary>
    public static string CoordinatorGroup(ConnectorDefinition source) => $"{ConnectGroup(source)}-coord";

    /// <summary>Prefix of the workers' control-topic groups, each prefix + a random UUID (channel/Worker.java).</summary>
    public static string ControlGroupPrefix(ConnectorDefinition source) => $"cg-control-{Name(source)}-";

    /// <summary>Prefix of both producers' transactional ids (channel/Channel.java: prefix + worker-txn- / coordinator-txn-).</summary>
    public static string TransactionalPrefix(ConnectorDefinition source) => $"iceberg-{Name(source)}-";

    /// <summary>The Iceberg table a landed table's changes go to: <c>database.changelog</c> in the Glue catalog.</summary>
    public static string TableIdentifier(IcebergSinkEnvironment environment, LandedTable table) => $"{environment.DatabaseName}.{table.ChangelogName}";

    /// <summary>
    /// A Java regular expression (Pattern.compile, matched whole by SinkWriter.routeRecordStatically) that matches
    /// exactly the table's <c>db.table</c>: \Q...\E quotes it literally.
    /// </summary>
    public static string RouteRegex(LandedTable table) => $"\\Q{table.Definition.Database}.{table.Definition.Name}\\E";

    public static ManagedConnector Managed(IcebergSinkDefinition sink, IcebergSinkEnvironment environment) =>
        new(Name(sink.Source), ConnectorRole.Sink, ConnectorClass, TasksMax(sink), Build(sink, environment), DefinitionHash(sink, environment));

    /// <summary>
    /// One task per landed table: Debezium creates each table's topic with one partition
    /// (topic.creation.default.partitions), so more tasks than topics would idle.
    /// </summary>
    public static int TasksMax(IcebergSinkDefinition sink) => sink.Tables.Count;

    /// <summary>The sink's settings, without the class and the task count (typed on <see cref="ManagedConnector"/>).</summary>
    public static IReadOnlyDictionary<string, string> Build(IcebergSinkDefinition sink, IcebergSinkEnvironment environment)
    {
        var source = sink.Source;
        var topics = sink.Tables.Select(table => table.Topic).ToList();
        var config = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["topics"] = string.Join(',', topics),
            // The full envelope in, the row with _cdc (op, ts, offset, source, target, key) out.
            ["transforms"] = "debezium",
            ["transforms.debezium.type"] = DebeziumTransform,
            ["iceberg.tables"] = string.Join(',', sink.Tables.Select(table => TableIdentifier(environment, table))),
            ["iceberg.tables.route-field"] = RouteField,
            // Added columns evolve the changelog (SchemaUtils: add, widen, make optional; never drop).
            ["iceberg.tables.evolve-schema-enabled"] = "true",
            ["iceberg.catalog.catalog-impl"] = GlueCatalog,
            ["iceberg.catalog.warehouse"] = environment.WarehouseLocation,
            ["iceberg.catalog.io-impl"] = S3FileIo,
            ["iceberg.catalog.client.region"] = environment.Connectors.Region,
            ["iceberg.control.topic"] = ControlTopic(source),
            ["iceberg.control.group-id-prefix"] = ControlGroupPrefix(source),
            ["iceberg.control.commit.interval-ms"] = (environment.CommitIntervalSeconds * 1000L).ToString(CultureInfo.InvariantCulture),
            ["iceberg.control.commit.timeout-ms"] = (CommitTimeoutSeconds * 1000L).ToString(CultureInfo.InvariantCulture),
            ["iceberg.coordinator.transactional.prefix"] = TransactionalPrefix(source),
            // The sink loads the worker's properties file, where Strimzi leaves ${strimzi...} placeholders it does not
            // resolve: its own Kafka clients get every connection setting explicitly (iceberg.kafka.* override the file).
            ["iceberg.kafka.bootstrap.servers"] = environment.Connectors.BootstrapServers,
        };
        foreach (var (key, value) in MskIamClient.ClientSettings)
        {
            config[$"iceberg.kafka.{key}"] = value;
        }

        foreach (var table in sink.Tables)
        {
            config[$"iceberg.table.{TableIdentifier(environment, table)}.route-regex"] = RouteRegex(table);
        }

        // Read with the converters the source connector writes with.
        DebeziumConnectorConfig.AddConverters(config, source, environment.Connectors);

        return config;
    }

    /// <summary>
    /// Changes whenever the sink's definition does: its source connector, its tables, the database and the commit
    /// interval (not the deploy-time tokens, whose placeholders are not stable across syntheses).
    /// </summary>
    public static string DefinitionHash(IcebergSinkDefinition sink, IcebergSinkEnvironment environment)
    {
        var text = JsonSerializer.Serialize(new
        {
            sink.Source,
            Tables = sink.Tables.Select(table => table.ChangelogName).ToList(),
            environment.DatabaseName,
            environment.CommitIntervalSeconds,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
