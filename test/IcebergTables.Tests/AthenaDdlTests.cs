namespace IcebergTableSync.Tests;

[Trait("Category", "Unit")]
public sealed class AthenaDdlTests
{
    [Fact]
    public void Create_table_follows_athenas_iceberg_syntax()
    {
        // https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-creating-tables.html:
        // CREATE TABLE [db_name.]table_name (col_name data_type [, ...]) LOCATION 's3://...' TBLPROPERTIES ('table_type'='ICEBERG' [, ...])
        var sql = AthenaDdl.CreateTable("kcc_dev_lakehouse", new DesiredTable("t", "s3://bucket/warehouse/t", [new("id", "int"), new("name", "string")]));

        Assert.Equal("CREATE TABLE `kcc_dev_lakehouse`.`t` (`id` int, `name` string) LOCATION 's3://bucket/warehouse/t' TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet')", sql);
        Assert.DoesNotContain("EXTERNAL", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_that_begin_with_an_underscore_are_backquoted()
    {
        // https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html, "Names that begin with an underscore":
        // when creating tables, enclose them in backticks, e.g. CREATE EXTERNAL TABLE `_myunderscoretable`(`_id` string, ...).
        var sql = AthenaDdl.AddColumns("db", "_t", [new("_cdc", "struct<op:string>")]);

        Assert.Equal("ALTER TABLE `db`.`_t` ADD COLUMNS (`_cdc` struct<op:string>)", sql);
    }

    [Fact]
    public void Add_columns_follows_athenas_iceberg_syntax()
    {
        // https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-alter-table-add-columns.html:
        // ALTER TABLE [db_name.]table_name ADD COLUMNS (col_name data_type [,...]); the page's example adds point struct<x: double, y: double>.
        var sql = AthenaDdl.AddColumns("db", "iceberg_table", [new("comment", "string"), new("point", "struct<x: double, y: double>")]);

        Assert.Equal("ALTER TABLE `db`.`iceberg_table` ADD COLUMNS (`comment` string, `point` struct<x:double,y:double>)", sql);
    }

    /// <summary>
    /// Every Athena type the Iceberg page lists as supported in DDL
    /// (https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-supported-data-types.html): boolean, int, bigint,
    /// double, float, decimal(P, S), string, binary, date, timestamp, array (list), map, struct.
    /// </summary>
    [Theory]
    [InlineData("boolean")]
    [InlineData("int")]
    [InlineData("bigint")]
    [InlineData("double")]
    [InlineData("float")]
    [InlineData("decimal(10,2)")]
    [InlineData("decimal(38, 0)")]
    [InlineData("string")]
    [InlineData("binary")]
    [InlineData("date")]
    [InlineData("timestamp")]
    [InlineData("array<struct<x:double,y:double>>")]
    [InlineData("map<string,bigint>")]
    [InlineData("struct<op:string,ts:timestamp,offset:bigint,key:struct<id:int>>")]
    public void Supported_types_are_accepted(string type) => Assert.True(AthenaDdl.IsSupportedType(type));

    /// <summary>The same page: tinyint, smallint and char are not supported for Iceberg tables; time and fixed(L) have no Athena type.</summary>
    [Theory]
    [InlineData("tinyint")]
    [InlineData("smallint")]
    [InlineData("char")]
    [InlineData("time")]
    [InlineData("fixed(16)")]
    [InlineData("decimal(39,2)")]
    [InlineData("struct<a:int")]
    [InlineData("string) LOCATION 's3://elsewhere'")]
    public void Unsupported_or_malformed_types_are_refused(string type) => Assert.False(AthenaDdl.IsSupportedType(type));

    [Theory]
    [InlineData("Person")]
    [InlineData("a`b")]
    [InlineData("a b")]
    [InlineData("")]
    public void Names_other_than_plain_lowercase_identifiers_are_refused(string name) =>
        Assert.Contains(name, Assert.Throws<ArgumentException>(() => AthenaDdl.Identifier(name)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_location_with_a_quote_is_refused() =>
        Assert.Throws<ArgumentException>(() => AthenaDdl.CreateTable("db", new DesiredTable("t", "s3://b/x' TBLPROPERTIES ('a'='b", [new("id", "int")])));
}
