using System.Text.Json.Nodes;
using SchemaGate;

namespace KafkaConnectCdk.Lakehouse;

/// <summary>A column of a landed Iceberg table: its name, its type in the Glue/Athena DDL, and the Iceberg type that is.</summary>
public sealed record IcebergColumn(string Name, string GlueType, string IcebergType);

/// <summary>
/// The Iceberg columns of a MySQL table as the Apache Iceberg sink receives it from Debezium (3.x, default modes:
/// decimal.handling.mode=precise, time.precision.mode=adaptive_time_microseconds). The Connect schema of each column is
/// the schema gate's (<see cref="DebeziumAvroSchema.AvroType"/>, from Debezium's MySQL data-type mappings,
/// https://debezium.io/documentation/reference/3.4/connectors/mysql.html#mysql-data-types); the Iceberg type is the
/// one the sink's RecordConverter (apache/iceberg kafka-connect/kafka-connect/src/main/java/org/apache/iceberg/connect/
/// data/RecordConverter.java@apache-iceberg-1.11.0) converts that value into correctly, per the Iceberg table spec's
/// primitive types (https://iceberg.apache.org/spec/#primitive-types).
/// </summary>
public static class IcebergSchema
{
    /// <summary>The struct the sink's DebeziumTransform adds to every record (CdcConstants.java@apache-iceberg-1.11.0).</summary>
    public const string CdcColumn = "_cdc";

    /// <summary>Current state: the changelog position (Kafka offset of the table's topic) of the change it reflects.</summary>
    public const string PositionColumn = "_position";

    /// <summary>Current state: when Debezium emitted the change it reflects (the envelope's ts_ms, as <c>_cdc.ts</c>).</summary>
    public const string EventTimeColumn = "_event_time";

    /// <summary>The row's columns, in table order, lowercase (Glue and Athena names are lowercase).</summary>
    public static IReadOnlyList<IcebergColumn> Columns(TableDefinition table) =>
        [.. table.Columns.Select(column => Column(column))];

    public static IcebergColumn Column(ColumnDefinition column)
    {
        var (glue, iceberg) = TypeOf(DebeziumAvroSchema.AvroType(column));
        return new IcebergColumn(LakehouseNames.GlueName(column.Name), glue, iceberg);
    }

    /// <summary>
    /// The changelog: the row (after, or before for deletes) and the sink's <c>_cdc</c> struct: op (I, U, D), ts (the
    /// envelope's ts_ms), offset (the record's Kafka offset), source (db.table), target (the routed table) and key (the
    /// record key, the primary key's columns), as DebeziumTransform.java@apache-iceberg-1.11.0 builds it (makeCdcSchema).
    /// </summary>
    public static IReadOnlyList<IcebergColumn> ChangelogColumns(TableDefinition table)
    {
        var columns = Columns(table);
        var key = string.Join(',', table.PrimaryKey.Select(name => columns.Single(column => column.Name == LakehouseNames.GlueName(name))).Select(column => $"{column.Name}:{column.GlueType}"));
        var cdc = $"struct<op:string,ts:timestamp,offset:bigint,source:string,target:string,key:struct<{key}>>";
        return [.. columns, new IcebergColumn(CdcColumn, cdc, cdc.Replace("bigint", "long", StringComparison.Ordinal))];
    }

    /// <summary>Current state: the row, plus the position and time of the change it reflects.</summary>
    public static IReadOnlyList<IcebergColumn> CurrentStateColumns(TableDefinition table) =>
        [.. Columns(table), new IcebergColumn(PositionColumn, "bigint", "long"), new IcebergColumn(EventTimeColumn, "timestamp", "timestamp")];

    private static (string Glue, string Iceberg) TypeOf(JsonNode avro)
    {
        if (avro is JsonValue)
        {
            return (string)avro! switch
            {
                "boolean" => ("boolean", "boolean"),
                "int" => ("int", "int"),
                "long" => ("bigint", "long"),
                "float" => ("float", "float"),
                "double" => ("double", "double"),
                "string" => ("string", "string"),
                "bytes" => ("binary", "binary"),
                var other => throw new UnsupportedSqlException($"Avro type {other} has no Iceberg mapping"),
            };
        }

        var logical = (string?)avro["logicalType"] ?? (string?)avro["connect.name"];
        return logical switch
        {
            "decimal" => ($"decimal({(int)avro["precision"]!},{(int)avro["scale"]!})", $"decimal({(int)avro["precision"]!}, {(int)avro["scale"]!})"),
            // Days since the epoch: RecordConverter.convertDateValue reads a number as days.
            "io.debezium.time.Date" => ("date", "date"),
            // Milliseconds since the epoch: RecordConverter.convertLocalDateTime reads a number as milliseconds.
            "io.debezium.time.Timestamp" => ("timestamp", "timestamp"),
            // An ISO-8601 string in UTC: RecordConverter.parseLocalDateTime parses it with its offset.
            "io.debezium.time.ZonedTimestamp" => ("timestamp", "timestamp"),
            // Microseconds: RecordConverter reads numbers as milliseconds for time and timestamp columns
            // (convertTimeValue, convertLocalDateTime), so a time or timestamp column would be 1000 times off.
            // The value lands as the number Debezium sent.
            "io.debezium.time.MicroTimestamp" or "io.debezium.time.MicroTime" => ("bigint", "long"),
            var other => throw new UnsupportedSqlException($"Debezium type {other} has no Iceberg mapping"),
        };
    }
}
