using KafkaConnectCdk.Configuration;
using SchemaGate;

namespace KafkaConnectCdk.Lakehouse;

/// <summary>
/// One captured table as it lands: the Debezium topic it is read from, its changelog Iceberg table (every change event,
/// append-only, as the Apache Iceberg sink writes it) and its current-state Iceberg table (one row per primary key).
/// </summary>
public sealed record LandedTable(ConnectorDefinition Connector, TableDefinition Definition)
{
    /// <summary>Suffix of the changelog table's name; the current-state table has the bare name.</summary>
    public const string ChangelogSuffix = "_changelog";

    /// <summary>Debezium's topic of the table: topic.prefix.database.table.</summary>
    public string Topic => $"{Connector.TopicPrefix}.{Definition.Database}.{Definition.Name}";

    /// <summary>The current-state table: the connector's topic prefix, database and table, as a Glue/Athena name.</summary>
    public string CurrentStateName => LakehouseNames.GlueName($"{Connector.TopicPrefix}_{Definition.Database}_{Definition.Name}");

    public string ChangelogName => CurrentStateName + ChangelogSuffix;

    /// <summary>The table's location under the warehouse prefix of the lakehouse bucket.</summary>
    public static string Location(string bucketName, string table) => $"s3://{bucketName}/{LakehouseNames.WarehousePrefix}/{table}";
}

/// <summary>Names shared by the lakehouse stack, the sink connector and the README's queries.</summary>
public static class LakehouseNames
{
    /// <summary>Prefix of the Iceberg tables' data and metadata in the lakehouse bucket (the sink's iceberg.catalog.warehouse).</summary>
    public const string WarehousePrefix = "warehouse";

    /// <summary>Prefix of Athena's query results in the lakehouse bucket.</summary>
    public const string QueryResultsPrefix = "athena-results";

    /// <summary>The Glue database of an environment, e.g. <c>kcc_dev_lakehouse</c>.</summary>
    public static string Database(string namePrefix) => GlueName($"{namePrefix}_lakehouse");

    /// <summary>
    /// Glue and Athena names are lowercase letters, digits and underscores (Athena: "Names for tables, databases, and
    /// columns", https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html).
    /// </summary>
    public static string GlueName(string name) =>
        new([.. name.ToLowerInvariant().Select(character => char.IsAsciiLetterOrDigit(character) ? character : '_')]);
}
