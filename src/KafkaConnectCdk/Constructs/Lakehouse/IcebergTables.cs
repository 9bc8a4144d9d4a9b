using Amazon.CDK;
using Amazon.CDK.AWS.Glue;
using Constructs;
using KafkaConnectCdk.Lakehouse;

namespace KafkaConnectCdk.Constructs.Lakehouse;

/// <param name="DatabaseName">The Glue database, e.g. <c>kcc_dev_lakehouse</c>.</param>
/// <param name="BucketName">The lakehouse bucket (tables live under its warehouse/ prefix).</param>
/// <param name="Tables">The landed tables; each gets a changelog and a current-state table.</param>
public sealed record IcebergTablesProps(string DatabaseName, string BucketName, IReadOnlyList<LandedTable> Tables);

/// <summary>
/// The Glue database and, per landed table, its two Iceberg (format version 2) tables, created by Glue from the columns
/// given (AWS::Glue::Table with OpenTableFormatInput.IcebergInput, MetadataOperation CREATE), so that both exist with
/// the right types before the sink's first record and before the first refresh.
/// </summary>
public sealed class IcebergTables : Construct
{
    public IcebergTables(Construct scope, string id, IcebergTablesProps props) : base(scope, id)
    {
        var account = Stack.Of(this).Account;
        DatabaseName = props.DatabaseName;
        Database = new CfnDatabase(this, "Database", new CfnDatabaseProps
        {
            CatalogId = account,
            DatabaseInput = new CfnDatabase.DatabaseInputProperty
            {
                Name = props.DatabaseName,
                Description = "CDC changelogs and current state of the captured MySQL tables (Apache Iceberg)",
                LocationUri = $"s3://{props.BucketName}/{LakehouseNames.WarehousePrefix}",
            },
        });

        var tables = new Dictionary<string, CfnTable>();
        foreach (var table in props.Tables)
        {
            tables.Add(table.ChangelogName, Table(table.ChangelogName, $"Every change event of {table.Definition.Database}.{table.Definition.Name} from topic {table.Topic}, as the Iceberg sink appends it", IcebergSchema.ChangelogColumns(table.Definition), props));
            tables.Add(table.CurrentStateName, Table(table.CurrentStateName, $"Current state of {table.Definition.Database}.{table.Definition.Name} (one row per primary key), merged from {table.ChangelogName}", IcebergSchema.CurrentStateColumns(table.Definition), props));
        }

        Tables = tables;
    }

    public string DatabaseName { get; }

    public CfnDatabase Database { get; }

    /// <summary>The Iceberg tables by name.</summary>
    public IReadOnlyDictionary<string, CfnTable> Tables { get; }

    private CfnTable Table(string name, string description, IReadOnlyList<IcebergColumn> columns, IcebergTablesProps props)
    {
        var table = new CfnTable(this, name, new CfnTableProps
        {
            CatalogId = Stack.Of(this).Account,
            DatabaseName = props.DatabaseName,
            OpenTableFormatInput = new CfnTable.OpenTableFormatInputProperty
            {
                IcebergInput = new CfnTable.IcebergInputProperty { MetadataOperation = "CREATE", Version = "2" },
            },
            TableInput = new CfnTable.TableInputProperty
            {
                Name = name,
                Description = description,
                TableType = "EXTERNAL_TABLE",
                StorageDescriptor = new CfnTable.StorageDescriptorProperty
                {
                    Location = LandedTable.Location(props.BucketName, name),
                    Columns = columns.Select(column => (object)new CfnTable.ColumnProperty { Name = column.Name, Type = column.GlueType }).ToArray(),
                },
            },
        });
        table.Node.AddDependency(Database);
        return table;
    }
}
