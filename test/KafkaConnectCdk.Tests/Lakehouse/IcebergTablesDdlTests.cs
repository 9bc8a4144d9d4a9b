using System.Text.Json.Nodes;
using IcebergTableSync;
using KafkaConnectCdk.Lakehouse;
using KafkaConnectCdk.Tests.TestKit;
using SchemaGate;
using IcebergTablesProperties = KafkaConnectCdk.Contracts.IcebergTablesProperties;

namespace KafkaConnectCdk.Tests.Lakehouse;

/// <summary>
/// The columns the app derives (<see cref="IcebergSchema"/>) as the Iceberg tables function writes them into Athena DDL.
/// IcebergColumn.GlueType strings are used as Athena DDL types unchanged: every one of them must be a type of
/// https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-supported-data-types.html (boolean, int, bigint,
/// double, float, decimal(P, S), string, binary, date, timestamp, struct; no tinyint, smallint, char).
/// </summary>
[Trait("Category", "Unit")]
public sealed class IcebergTablesDdlTests
{
    private static TableDefinition Person => TableFixtures.Person;

    private static TableDefinition EveryType => TableFixtures.EveryType;

    private static DesiredTable Desired(string name, IReadOnlyList<IcebergColumn> columns) =>
        new(name, $"s3://bucket/warehouse/{name}", [.. columns.Select(column => new TableColumn(column.Name, column.GlueType))]);

    [Fact]
    public void The_seed_person_changelog_is_created_with_the_sinks_cdc_struct()
    {
        var sql = AthenaDdl.CreateTable("kcc_dev_lakehouse", Desired("fullfillment_test_db_person_changelog", IcebergSchema.ChangelogColumns(Person)));

        Assert.Equal(
            "CREATE TABLE `kcc_dev_lakehouse`.`fullfillment_test_db_person_changelog` (`id` int, `first_name` string, `last_name` string, `email` string, " +
            "`created_at` timestamp, `_cdc` struct<op:string,ts:timestamp,offset:bigint,source:string,target:string,key:struct<id:int>>) " +
            "LOCATION 's3://bucket/warehouse/fullfillment_test_db_person_changelog' TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet')",
            sql);
    }

    [Fact]
    public void The_seed_person_current_state_is_created_with_position_and_event_time()
    {
        var sql = AthenaDdl.CreateTable("kcc_dev_lakehouse", Desired("fullfillment_test_db_person", IcebergSchema.CurrentStateColumns(Person)));

        Assert.Contains("(`id` int, `first_name` string, `last_name` string, `email` string, `created_at` timestamp, `_position` bigint, `_event_time` timestamp)", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_mapped_column_type_is_an_athena_iceberg_ddl_type()
    {
        var columns = IcebergSchema.ChangelogColumns(EveryType);

        Assert.All(columns, column => Assert.True(AthenaDdl.IsSupportedType(column.GlueType), $"{column.Name}: {column.GlueType}"));
        var sql = AthenaDdl.CreateTable("db", Desired("every_type", columns));
        Assert.Equal(["bigint", "binary", "boolean", "date", "decimal(12,3)", "double", "float", "int", "string", "timestamp"],
            columns.Where(column => !column.GlueType.StartsWith("struct", StringComparison.Ordinal)).Select(column => column.GlueType).Distinct().Order(StringComparer.Ordinal));
        Assert.All(columns, column => Assert.Contains($"`{column.Name}` {column.GlueType}", sql, StringComparison.Ordinal));
    }

    [Fact]
    public void A_column_added_to_the_schema_becomes_one_add_columns_statement()
    {
        var evolved = SqlParser.ParseCreateTable(File.ReadAllText(Path.Combine(KafkaConnectCdk.Platform.RepositoryPaths.Root, "migrations", "schema", "person.sql"))
            .Replace("  PRIMARY KEY (id),", "  nickname VARCHAR(40),\n  PRIMARY KEY (id),", StringComparison.Ordinal));
        var existing = IcebergSchema.CurrentStateColumns(Person).Select(column => new TableColumn(column.Name, column.GlueType)).ToList();

        var plan = TablePlanner.Plan(Desired("person", IcebergSchema.CurrentStateColumns(evolved)), new CatalogTable("person", "ICEBERG", existing));

        var add = Assert.IsType<TablePlan.AddColumns>(plan);
        Assert.Equal("ALTER TABLE `db`.`person` ADD COLUMNS (`nickname` string)", AthenaDdl.AddColumns("db", "person", add.Missing));
    }
}

/// <summary>The properties the app synthesizes are the event the function parses: the names are shared, this proves the shape.</summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class IcebergTablesPropertiesTests(SynthesizedPlatform platform)
{
    [Fact]
    public void The_function_parses_the_synthesized_properties_into_the_desired_tables()
    {
        var template = platform.TemplateJsonOf(platform.Environment("dev").Lakehouse!);
        var properties = template["Resources"]!.AsObject().Select(pair => pair.Value!)
            .Single(resource => (string?)resource["Type"] == IcebergTablesProperties.ResourceType)["Properties"]!.DeepClone().AsObject();
        foreach (var table in properties[IcebergTablesProperties.Tables]!.AsArray())
        {
            // CloudFormation resolves the bucket name; the function receives the joined string.
            table![IcebergTablesProperties.TableLocation] = $"s3://bucket/warehouse/{table[IcebergTablesProperties.TableName]}";
        }

        var request = RequestParser.Parse(new JsonObject { ["RequestType"] = "Create", ["ResourceProperties"] = properties }.ToJsonString());

        Assert.Equal("kcc_dev_lakehouse", request.Database);
        Assert.Equal(4, request.Tables.Count);
        Assert.Equal(IcebergSchema.ChangelogColumns(platform.Environment("dev").Lakehouse!.Landed[0].Definition).Select(column => column.Name),
            request.Tables.Single(table => table.Name == platform.Environment("dev").Lakehouse!.Landed[0].ChangelogName).Columns.Select(column => column.Name));
    }
}
