namespace IcebergTableSync.Tests;

[Trait("Category", "Unit")]
public sealed class PlannerTests
{
    private static readonly DesiredTable Person = new("db_person", "s3://bucket/warehouse/db_person",
        [new("id", "int"), new("email", "string"), new("_cdc", "struct<op:string,ts:timestamp>")]);

    private static CatalogTable Iceberg(params TableColumn[] columns) => new("db_person", "ICEBERG", columns);

    [Fact]
    public void An_absent_table_is_created()
    {
        var plan = TablePlanner.Plan(Person, null);

        Assert.Equal(new TablePlan.Create(Person), plan);
    }

    [Fact]
    public void A_table_with_a_subset_of_the_columns_gets_the_missing_ones_in_desired_order()
    {
        var plan = TablePlanner.Plan(Person, Iceberg(new TableColumn("email", "string")));

        var add = Assert.IsType<TablePlan.AddColumns>(plan);
        Assert.Equal([new TableColumn("id", "int"), new TableColumn("_cdc", "struct<op:string,ts:timestamp>")], add.Missing);
    }

    [Fact]
    public void A_table_with_every_column_is_up_to_date_whatever_the_type_spelling()
    {
        // Athena's ADD COLUMNS examples write struct<x: double, y: double>; Glue keeps what was written.
        var plan = TablePlanner.Plan(Person, Iceberg(new TableColumn("ID", "INT"), new TableColumn("email", "string"), new TableColumn("_cdc", "struct<op: string, ts: timestamp>")));

        Assert.Equal(new TablePlan.UpToDate("db_person"), plan);
    }

    [Fact]
    public void Extra_columns_such_as_the_sinks_evolution_are_left_alone()
    {
        var plan = TablePlanner.Plan(Person, Iceberg(new TableColumn("id", "int"), new TableColumn("email", "string"), new TableColumn("_cdc", "struct<op:string,ts:timestamp>"), new TableColumn("nickname", "string")));

        Assert.IsType<TablePlan.UpToDate>(plan);
    }

    [Fact]
    public void A_changed_column_type_is_refused_naming_table_column_and_fix()
    {
        var plan = TablePlanner.Plan(Person, Iceberg(new TableColumn("id", "bigint"), new TableColumn("email", "string")));

        var refuse = Assert.IsType<TablePlan.Refuse>(plan);
        Assert.Contains("table db_person", refuse.Reason, StringComparison.Ordinal);
        Assert.Contains("id is bigint, the schema wants int", refuse.Reason, StringComparison.Ordinal);
        Assert.Contains("migrations/schema", refuse.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EXTERNAL_TABLE_PARQUET")]
    [InlineData(null)]
    public void A_table_that_is_not_iceberg_is_refused(string? tableType)
    {
        var plan = TablePlanner.Plan(Person, new CatalogTable("db_person", tableType, [new("id", "int")]));

        var refuse = Assert.IsType<TablePlan.Refuse>(plan);
        Assert.Contains("db_person exists but is not an Iceberg table", refuse.Reason, StringComparison.Ordinal);
        Assert.Contains("s3://bucket/warehouse/db_person", refuse.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_type_is_compared_without_case()
    {
        // apache/iceberg aws/src/main/java/org/apache/iceberg/aws/glue/GlueCatalog.java isGlueIcebergTable: ICEBERG_TABLE_TYPE_VALUE.equalsIgnoreCase(table_type).
        var plan = TablePlanner.Plan(Person, new CatalogTable("db_person", "iceberg", [.. Person.Columns]));

        Assert.IsType<TablePlan.UpToDate>(plan);
    }
}
