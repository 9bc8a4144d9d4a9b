namespace SchemaGate.Tests;

[Trait("Category", "Unit")]
public sealed class MappingTests
{
    private static string TypeOf(string columnSql) =>
        DebeziumAvroSchema.AvroType(SqlParser.ParseCreateTable($"CREATE TABLE t ({columnSql})").Columns[0]).ToJsonString();

    [Theory]
    [InlineData("c INT NOT NULL", "\"int\"")]
    [InlineData("c INT UNSIGNED NOT NULL", "\"long\"")]
    [InlineData("c BIGINT NOT NULL", "\"long\"")]
    [InlineData("c TINYINT(1) NOT NULL", "\"boolean\"")]
    [InlineData("c SMALLINT NOT NULL", "\"int\"")]
    [InlineData("c VARCHAR(10) NOT NULL", "\"string\"")]
    [InlineData("c ENUM('a','b') NOT NULL", "\"string\"")]
    [InlineData("c JSON NOT NULL", "\"string\"")]
    [InlineData("c DOUBLE NOT NULL", "\"double\"")]
    [InlineData("c BLOB NOT NULL", "\"bytes\"")]
    [InlineData("c DECIMAL(10,2) NOT NULL", "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2,\"connect.name\":\"org.apache.kafka.connect.data.Decimal\"}")]
    [InlineData("c DATE NOT NULL", "{\"type\":\"int\",\"connect.name\":\"io.debezium.time.Date\"}")]
    [InlineData("c DATETIME(6) NOT NULL", "{\"type\":\"long\",\"connect.name\":\"io.debezium.time.MicroTimestamp\"}")]
    [InlineData("c TIMESTAMP NOT NULL", "{\"type\":\"string\",\"connect.name\":\"io.debezium.time.ZonedTimestamp\"}")]
    public void Mysql_types_map_as_debezium_maps_them(string column, string avro) => Assert.Equal(avro, TypeOf(column));

    [Fact]
    public void Nullable_columns_are_unions_with_null_defaulting_to_null_and_defaults_carry_over()
    {
        var schema = DebeziumAvroSchema.ValueSchema(SqlParser.ParseCreateTable("CREATE TABLE db.t (a INT NULL, b INT NOT NULL DEFAULT 7, c INT NOT NULL)"), "prefix");

        Assert.Equal("prefix.db.t.Value", schema.Fullname);
        Assert.Equal("[\"null\",\"int\"]", schema.Fields[0].Schema.ToString());
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.Null, schema.Fields[0].DefaultValue!.Type);
        Assert.Equal("7", schema.Fields[1].DefaultValue!.ToString());
        Assert.Null(schema.Fields[2].DefaultValue);
    }

    [Theory]
    [InlineData("ALTER TABLE person CONVERT TO CHARACTER SET utf8mb4", "ALTER TABLE CONVERT is not supported")]
    [InlineData("ALTER TABLE person ENGINE=MyISAM", "ALTER TABLE ENGINE is not supported")]
    [InlineData("ALTER TABLE person DROP COLUMN nope", "DROP COLUMN nope: the table has no such column")]
    [InlineData("ALTER TABLE other ADD COLUMN x INT", "changes table 'other', but the definition given is for 'person'")]
    [InlineData("ALTER TABLE person ADD COLUMN g GEOMETRY NOT NULL", "MySQL type GEOMETRY is not mapped")]
    [InlineData("ALTER TABLE person ADD COLUMN x INT DEFAULT (1 + 1)", "expression defaults")]
    public void Unsupported_sql_is_rejected_with_a_clear_message(string alter, string message) =>
        Assert.Contains(message, Assert.Throws<UnsupportedSqlException>(() => Gate.Change(Gate.Person, alter)).Message, StringComparison.Ordinal);

    [Fact]
    public void Adding_an_index_leaves_the_row_schema_unchanged()
    {
        var result = Gate.Change(Gate.Person, "ALTER TABLE person ADD INDEX person_last_name (last_name)");

        Assert.Equal(result.OldSchema, result.NewSchema);
        Assert.True(result.For("FULL").Compatible);
    }

    [Fact]
    public void Information_schema_rows_map_like_the_create_statement()
    {
        var rows = new InformationSchemaReader.ColumnRow[]
        {
            new("id", "int(11)", false, null),
            new("first_name", "varchar(255)", false, null),
            new("last_name", "varchar(255)", false, null),
            new("email", "varchar(255)", false, null),
            new("created_at", "timestamp", false, "current_timestamp()"),
        };

        var fromRows = DebeziumAvroSchema.ValueSchema(InformationSchemaReader.FromRows("test_db", "person", rows), "fullfillment");

        Assert.Equal(DebeziumAvroSchema.ValueSchema(Gate.Person, "fullfillment").ToString(), fromRows.ToString());
    }

    [Fact]
    public void Mariadb_null_and_quoted_defaults_are_understood()
    {
        var table = InformationSchemaReader.FromRows("db", "t", [new("a", "varchar(5)", true, "NULL"), new("b", "varchar(5)", false, "'x'"), new("c", "int(11)", false, "3")]);

        Assert.Equal(ColumnDefault.None, table.Columns[0].Default);
        Assert.Equal(ColumnDefault.Of("x"), table.Columns[1].Default);
        Assert.Equal(ColumnDefault.Of("3"), table.Columns[2].Default);
    }
}
