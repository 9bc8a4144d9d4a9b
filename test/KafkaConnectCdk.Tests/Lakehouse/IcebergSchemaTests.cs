using KafkaConnectCdk.Lakehouse;
using SchemaGate;

namespace KafkaConnectCdk.Tests.Lakehouse;

/// <summary>
/// Iceberg columns derived from the MySQL DDL. Expectations come from Debezium's MySQL data-type mappings with default
/// modes (https://debezium.io/documentation/reference/3.4/connectors/mysql.html#mysql-data-types), what the Iceberg
/// sink's RecordConverter does with each Connect value (kafka-connect/kafka-connect/src/main/java/org/apache/iceberg/
/// connect/data/RecordConverter.java@apache-iceberg-1.11.0), and the Iceberg spec's primitive types
/// (https://iceberg.apache.org/spec/#primitive-types).
/// </summary>
[Trait("Category", "Unit")]
public sealed class IcebergSchemaTests
{
    private static TableDefinition Person => TableFixtures.Person;

    private static TableDefinition EveryType => TableFixtures.EveryType;

    [Fact]
    public void The_person_table_lands_with_its_columns_in_table_order()
    {
        var columns = IcebergSchema.Columns(Person).Select(column => $"{column.Name} {column.GlueType}");

        Assert.Equal(["id int", "first_name string", "last_name string", "email string", "created_at timestamp"], columns);
    }

    [Fact]
    public void The_person_table_has_its_primary_key_from_the_ddl() =>
        Assert.Equal(["id"], Person.PrimaryKey);

    [Fact]
    public void The_changelog_adds_the_sinks_cdc_struct_with_the_record_key()
    {
        // DebeziumTransform.makeCdcSchema: op string, ts Timestamp, offset optional int64, source string, target string, key (the key schema).
        var cdc = IcebergSchema.ChangelogColumns(Person)[^1];

        Assert.Equal("_cdc", cdc.Name);
        Assert.Equal("struct<op:string,ts:timestamp,offset:bigint,source:string,target:string,key:struct<id:int>>", cdc.GlueType);
    }

    [Fact]
    public void The_current_state_adds_the_position_and_time_of_the_change() =>
        Assert.Equal(
            ["id", "first_name", "last_name", "email", "created_at", "_position", "_event_time"],
            IcebergSchema.CurrentStateColumns(Person).Select(column => column.Name));

    [Theory]
    [InlineData("flag", "boolean", "boolean")]
    [InlineData("tiny_flag", "boolean", "boolean")]
    [InlineData("one_bit", "boolean", "boolean")]
    [InlineData("bits", "binary", "binary")]
    [InlineData("tiny", "int", "int")]
    [InlineData("small", "int", "int")]
    [InlineData("medium", "int", "int")]
    [InlineData("year_value", "int", "int")]
    [InlineData("whole", "int", "int")]
    [InlineData("whole_unsigned", "bigint", "long")]
    [InlineData("big", "bigint", "long")]
    [InlineData("real_value", "float", "float")]
    [InlineData("double_value", "double", "double")]
    [InlineData("amount", "decimal(12,3)", "decimal(12, 3)")]
    [InlineData("code", "string", "string")]
    [InlineData("label", "string", "string")]
    [InlineData("body", "string", "string")]
    [InlineData("state", "string", "string")]
    [InlineData("tags", "string", "string")]
    [InlineData("doc", "string", "string")]
    [InlineData("raw", "binary", "binary")]
    [InlineData("blob_value", "binary", "binary")]
    // io.debezium.time.Date: days since the epoch; RecordConverter.convertDateValue reads a number as days.
    [InlineData("day", "date", "date")]
    // io.debezium.time.Timestamp: epoch milliseconds; RecordConverter.convertLocalDateTime reads a number as milliseconds.
    [InlineData("moment", "timestamp", "timestamp")]
    // io.debezium.time.MicroTimestamp / MicroTime: microseconds, which RecordConverter would read as milliseconds
    // (1000 times off in a timestamp or time column): they land as the number.
    [InlineData("precise_moment", "bigint", "long")]
    [InlineData("time_of_day", "bigint", "long")]
    // io.debezium.time.ZonedTimestamp: an ISO-8601 string in UTC, parsed with its offset (parseLocalDateTime).
    [InlineData("stamped", "timestamp", "timestamp")]
    public void Every_mapped_mysql_type_has_its_iceberg_type(string column, string glueType, string icebergType)
    {
        var mapped = IcebergSchema.Columns(EveryType).Single(candidate => candidate.Name == column);

        Assert.Equal((glueType, icebergType), (mapped.GlueType, mapped.IcebergType));
    }

    [Fact]
    public void Every_column_of_the_every_type_table_is_mapped() =>
        Assert.Equal(28, IcebergSchema.Columns(EveryType).Count);

    [Fact]
    public void A_type_the_schema_gate_does_not_map_is_refused_with_its_column() =>
        Assert.Contains(
            "column shape: MySQL type GEOMETRY is not mapped",
            Assert.Throws<UnsupportedSqlException>(() => IcebergSchema.Columns(SqlParser.ParseCreateTable("CREATE TABLE t (id INT PRIMARY KEY, shape GEOMETRY)"))).Message);

    [Fact]
    public void A_column_level_primary_key_is_the_tables_key() =>
        Assert.Equal(["id"], SqlParser.ParseCreateTable("CREATE TABLE t (id INT PRIMARY KEY, name TEXT)").PrimaryKey);

    [Fact]
    public void A_composite_named_primary_key_keeps_its_order() =>
        Assert.Equal(["b", "a"], SqlParser.ParseCreateTable("CREATE TABLE t (a INT, b INT, CONSTRAINT pk PRIMARY KEY (b, a), KEY other (a))").PrimaryKey);

    [Fact]
    public void The_merge_orders_by_the_changelog_position_and_keys_on_the_primary_key()
    {
        var merge = MergeStatement.For("kcc_dev_lakehouse", "p_changelog", "p", Person);

        Assert.StartsWith("MERGE INTO \"kcc_dev_lakehouse\".\"p\" AS t", merge, StringComparison.Ordinal);
        Assert.Contains("PARTITION BY \"id\" ORDER BY \"_cdc\".\"offset\" DESC", merge, StringComparison.Ordinal);
        Assert.Contains("ON t.\"id\" = s.\"id\"", merge, StringComparison.Ordinal);
    }
}
