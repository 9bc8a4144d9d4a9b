namespace KafkaConnectCdk.Tests.Iam;

/// <summary>
/// What an Apache Iceberg sink 1.11.0 will ask Kafka, Glue and S3 for, read from its configuration as the sink reads it
/// (kafka-connect/kafka-connect/src/main/java/org/apache/iceberg/connect/ at apache-iceberg-1.11.0), with the upstream
/// default for every key that is not set. Deliberately independent of the helpers that build the configuration and grants.
/// </summary>
public sealed class IcebergSinkClients(string name, IReadOnlyDictionary<string, string> config)
{
    /// <summary>A UUID standing for the ones the sink generates at run time (Worker, IcebergSinkConnector.taskConfigs).</summary>
    public const string SampleUuid = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

    private string? Get(string key) => config.TryGetValue(key, out var value) ? value : null;

    public string Name => name;

    /// <summary>Kafka Connect's sink <c>topics</c> list.</summary>
    public IReadOnlyList<string> Topics => [.. (Get("topics") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>IcebergSinkConfig: iceberg.control.topic, default <c>control-iceberg</c>.</summary>
    public string ControlTopic => Get("iceberg.control.topic") ?? "control-iceberg";

    /// <summary>IcebergSinkConfig.connectGroupId(): iceberg.connect.group-id, else "connect-" + the connector name.</summary>
    public string ConnectGroup => Get("iceberg.connect.group-id") ?? $"connect-{name}";

    /// <summary>channel/Coordinator.java: the coordinator's consumer group is connectGroupId() + "-coord".</summary>
    public string CoordinatorGroup => $"{ConnectGroup}-coord";

    /// <summary>channel/Worker.java: iceberg.control.group-id-prefix (default <c>cg-control-</c>) + a random UUID.</summary>
    public string WorkerControlGroup => $"{Get("iceberg.control.group-id-prefix") ?? "cg-control-"}{SampleUuid}";

    /// <summary>
    /// channel/Channel.java: transactionalPrefix() (default "") + "worker" or "coordinator" + the suffix
    /// IcebergSinkConnector.taskConfigs sets, "-txn-" + UUID + "-" + task index.
    /// </summary>
    public IReadOnlyList<string> TransactionalIds =>
        [.. new[] { "worker", "coordinator" }.Select(role => $"{Get("iceberg.coordinator.transactional.prefix") ?? ""}{role}-txn-{SampleUuid}-0")];

    /// <summary>iceberg.tables: database.table identifiers in the Glue catalog (GlueCatalog: namespace = database).</summary>
    public IReadOnlyList<(string Database, string Table)> Tables =>
        [.. (Get("iceberg.tables") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(identifier => (identifier[..identifier.LastIndexOf('.')], identifier[(identifier.LastIndexOf('.') + 1)..]))];

    /// <summary>iceberg.tables.auto-create-enabled (default false): only then does the sink create tables (and their databases).</summary>
    public bool CreatesTables => (Get("iceberg.tables.auto-create-enabled") ?? "false") == "true";

    public bool UsesGlueCatalog => Get("iceberg.catalog.catalog-impl") == "org.apache.iceberg.aws.glue.GlueCatalog" || Get("iceberg.catalog.type") == "glue";
}
