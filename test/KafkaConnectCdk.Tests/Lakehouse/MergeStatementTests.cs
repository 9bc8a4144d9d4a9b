using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using KafkaConnectCdk.Lakehouse;
using SchemaGate;

namespace KafkaConnectCdk.Tests.Lakehouse;

/// <summary>
/// Runs the generated MERGE INTO, unchanged, in DuckDB (MERGE INTO since DuckDB 1.4.0,
/// https://duckdb.org/docs/stable/sql/statements/merge_into), on tables built from the same column definitions the
/// lakehouse stack gives Glue, with change events shaped as the Iceberg sink's DebeziumTransform writes them
/// (kafka-connect-transforms/.../DebeziumTransform.java@apache-iceberg-1.11.0: the row, and _cdc with op I/U/D and
/// the record's Kafka offset). Athena runs the same statement on Iceberg (engine v3).
/// </summary>
[Trait("Category", "Unit")]
public sealed class MergeStatementTests : IDisposable
{
    private const string Database = "kcc_dev_lakehouse";
    private const string Changelog = "fullfillment_test_db_person_changelog";
    private const string Current = "fullfillment_test_db_person";

    private static readonly TableDefinition Person = SqlParser.ParseCreateTable(
        File.ReadAllText(Path.Combine(KafkaConnectCdk.Platform.RepositoryPaths.Root, "migrations", "schema", "person.sql")));

    private readonly DuckDBConnection connection = new("DataSource=:memory:");

    public MergeStatementTests()
    {
        connection.Open();
        Execute($"CREATE SCHEMA {Database}");
        Execute(CreateTable(Changelog, IcebergSchema.ChangelogColumns(Person)));
        Execute(CreateTable(Current, IcebergSchema.CurrentStateColumns(Person)));
    }

    public void Dispose() => connection.Dispose();

    private static string Merge => MergeStatement.For(Database, Changelog, Current, Person);

    [Fact]
    public void The_position_orders_a_tables_changes_because_debezium_creates_its_topic_with_one_partition()
    {
        // The changelog position is the record's Kafka offset (DebeziumTransform sets _cdc.offset from
        // SinkRecord.kafkaOffset()); it orders a table's changes only while its topic has a single partition.
        var config = KafkaConnectCdk.Connect.DebeziumConnectorConfig.Build(Connect.ConnectFixtures.JsonConnector, Connect.ConnectFixtures.Environment);

        Assert.Equal("1", config["topic.creation.default.partitions"]);
    }

    [Fact]
    public void An_insert_lands_as_a_row_with_its_position()
    {
        Append(("I", 10, 1, "alice"));

        Execute(Merge);

        Assert.Equal(["1 alice 10"], State());
    }

    [Fact]
    public void An_update_replaces_the_row()
    {
        Append(("I", 10, 1, "alice"), ("U", 13, 1, "alicia"));

        Execute(Merge);

        Assert.Equal(["1 alicia 13"], State());
    }

    [Fact]
    public void A_delete_removes_the_row_and_a_key_inserted_and_deleted_between_refreshes_never_appears()
    {
        Append(("I", 10, 1, "alice"), ("I", 11, 2, "bob"));
        Execute(Merge);
        Append(("D", 14, 2, "bob"), ("I", 17, 4, "dave"), ("D", 18, 4, "dave"));

        Execute(Merge);

        Assert.Equal(["1 alice 10"], State());
    }

    [Fact]
    public void Duplicates_and_out_of_order_events_resolve_to_the_highest_source_position()
    {
        // Files land in any order and a restarted connector re-sends events it had sent: appended here newest first,
        // with the update written twice and the insert re-delivered after it.
        Append(("U", 13, 1, "alicia"), ("U", 13, 1, "alicia"), ("I", 10, 1, "alice"), ("I", 12, 3, "carol"));
        Execute(Merge);
        Append(("I", 10, 1, "alice"), ("U", 15, 3, "caroline"), ("U", 12, 3, "carol"));

        Execute(Merge);

        Assert.Equal(["1 alicia 13", "3 caroline 15"], State());
    }

    [Fact]
    public void A_key_deleted_and_inserted_again_comes_back_with_the_new_row()
    {
        Append(("I", 11, 2, "bob"));
        Execute(Merge);
        Append(("D", 14, 2, "bob"), ("I", 16, 2, "robert"));

        Execute(Merge);

        Assert.Equal(["2 robert 16"], State());
    }

    [Fact]
    public void Running_the_refresh_again_without_new_events_changes_nothing()
    {
        Append(("I", 10, 1, "alice"), ("U", 13, 1, "alicia"), ("I", 11, 2, "bob"), ("D", 14, 2, "bob"));
        Execute(Merge);
        var first = State();

        Execute(Merge);

        Assert.Equal(first, State());
    }

    [Fact]
    public void The_current_state_keeps_the_event_time_of_the_change()
    {
        Append(("I", 10, 1, "alice"));

        Execute(Merge);

        Assert.Equal(Timestamp(10), Scalar($"SELECT {IcebergSchema.EventTimeColumn} FROM {Database}.{Current}"));
    }

    private void Append(params (string Op, int Offset, int Id, string Name)[] events)
    {
        var rows = events.Select(change =>
            $"({change.Id}, '{change.Name}', 'lee', '{change.Name}@example.com', TIMESTAMP '2026-01-01 00:00:00', " +
            $"{{'op': '{change.Op}', 'ts': TIMESTAMP '{Timestamp(change.Offset):yyyy-MM-dd HH:mm:ss}', 'offset': {change.Offset}, 'source': 'test_db.person', 'target': '{Database}.{Changelog}', 'key': {{'id': {change.Id}}}}})");
        Execute($"INSERT INTO {Database}.{Changelog} VALUES {string.Join(", ", rows)}");
    }

    private static DateTime Timestamp(int offset) => new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Unspecified).AddSeconds(offset);

    private List<string> State()
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, first_name, {IcebergSchema.PositionColumn} FROM {Database}.{Current} ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetValue(0)} {reader.GetValue(1)} {reader.GetValue(2)}"));
        }

        return rows;
    }

    private object? Scalar(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The Glue (Hive DDL) column types, written as DuckDB types.</summary>
    private static string CreateTable(string name, IReadOnlyList<IcebergColumn> columns) =>
        $"CREATE TABLE {Database}.{name} ({string.Join(", ", columns.Select(column => $"\"{column.Name}\" {DuckDbType(column.GlueType)}"))})";

    private static string DuckDbType(string glue)
    {
        if (!glue.StartsWith("struct<", StringComparison.Ordinal))
        {
            return glue switch { "string" => "VARCHAR", "int" => "INTEGER", "binary" => "BLOB", _ => glue.ToUpperInvariant() };
        }

        var fields = new StringBuilder("STRUCT(");
        var inner = glue["struct<".Length..^1];
        var depth = 0;
        var start = 0;
        var parts = new List<string>();
        for (var index = 0; index < inner.Length; index++)
        {
            depth += inner[index] == '<' ? 1 : inner[index] == '>' ? -1 : 0;
            if (depth == 0 && inner[index] == ',')
            {
                parts.Add(inner[start..index]);
                start = index + 1;
            }
        }

        parts.Add(inner[start..]);
        fields.Append(string.Join(", ", parts.Select(part => $"\"{part[..part.IndexOf(':', StringComparison.Ordinal)]}\" {DuckDbType(part[(part.IndexOf(':', StringComparison.Ordinal) + 1)..])}")));
        return fields.Append(')').ToString();
    }
}
