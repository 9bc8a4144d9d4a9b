using System.Globalization;
using System.Text.Json.Nodes;
using Avro;

namespace SchemaGate;

/// <summary>
/// The Avro schema of a table's row as the Debezium MySQL connector (3.x) registers it, with its default modes
/// (decimal.handling.mode=precise, time.precision.mode=adaptive_time_microseconds, bigint.unsigned.handling.mode=long):
/// the <c>Value</c> record that the change-event envelope carries in <c>before</c> and <c>after</c>.
/// </summary>
public static class DebeziumAvroSchema
{
    public static RecordSchema ValueSchema(TableDefinition table, string topicPrefix)
    {
        var fields = new JsonArray([.. table.Columns.Select(Field)]);
        var record = new JsonObject
        {
            ["type"] = "record",
            ["name"] = "Value",
            ["namespace"] = $"{AvroName(topicPrefix)}.{AvroName(table.Database)}.{AvroName(table.Name)}",
            ["fields"] = fields,
        };
        return (RecordSchema)Schema.Parse(record.ToJsonString());
    }

    /// <summary>The Avro type of a column (without nullability), as Debezium maps the MySQL type.</summary>
    public static JsonNode AvroType(ColumnDefinition column)
    {
        var length = column.Arguments.Count > 0 && int.TryParse(column.Arguments[0], CultureInfo.InvariantCulture, out var first) ? first : (int?)null;
        return column.Type switch
        {
            "BOOL" or "BOOLEAN" => "boolean",
            "TINYINT" when length == 1 => "boolean",
            "BIT" when length is null or 1 => "boolean",
            "BIT" => "bytes",
            "TINYINT" or "SMALLINT" or "MEDIUMINT" or "YEAR" => "int",
            "INT" or "INTEGER" => column.Unsigned ? "long" : "int",
            "BIGINT" => "long",
            "FLOAT" => "float",
            "DOUBLE" or "REAL" => "double",
            "DECIMAL" or "NUMERIC" or "DEC" or "FIXED" => new JsonObject
            {
                ["type"] = "bytes",
                ["logicalType"] = "decimal",
                ["precision"] = length ?? 10,
                ["scale"] = column.Arguments.Count > 1 ? int.Parse(column.Arguments[1], CultureInfo.InvariantCulture) : 0,
                ["connect.name"] = "org.apache.kafka.connect.data.Decimal",
            },
            "CHAR" or "VARCHAR" or "TINYTEXT" or "TEXT" or "MEDIUMTEXT" or "LONGTEXT" or "ENUM" or "SET" or "JSON" => "string",
            "BINARY" or "VARBINARY" or "TINYBLOB" or "BLOB" or "MEDIUMBLOB" or "LONGBLOB" => "bytes",
            "DATE" => new JsonObject { ["type"] = "int", ["connect.name"] = "io.debezium.time.Date" },
            "DATETIME" => new JsonObject { ["type"] = "long", ["connect.name"] = (length ?? 0) <= 3 ? "io.debezium.time.Timestamp" : "io.debezium.time.MicroTimestamp" },
            "TIME" => new JsonObject { ["type"] = "long", ["connect.name"] = "io.debezium.time.MicroTime" },
            "TIMESTAMP" => new JsonObject { ["type"] = "string", ["connect.name"] = "io.debezium.time.ZonedTimestamp" },
            _ => throw new UnsupportedSqlException($"column {column.Name}: MySQL type {column.Type} is not mapped by the schema gate"),
        };
    }

    private static JsonObject Field(ColumnDefinition column)
    {
        var type = AvroType(column);
        var field = new JsonObject { ["name"] = AvroName(column.Name) };
        if (column.Nullable)
        {
            // Optional columns: a union with null, default null.
            field["type"] = new JsonArray("null", type.DeepClone());
            field["default"] = null;
        }
        else
        {
            field["type"] = type.DeepClone();
            if (column.Default is { Present: true, Literal: { } literal })
            {
                field["default"] = DefaultValue(type, literal);
            }
        }

        return field;
    }

    // What matters to the verdict is whether a default exists; its value only has to be valid for the Avro type.
    private static JsonNode? DefaultValue(JsonNode type, string literal)
    {
        var primitive = type is JsonObject obj ? (string)obj["type"]! : (string)type!;
        return primitive switch
        {
            "boolean" => literal is "1" or "true" or "TRUE" or "b'1'",
            "int" => int.TryParse(literal, CultureInfo.InvariantCulture, out var number) ? number : 0,
            "long" => long.TryParse(literal, CultureInfo.InvariantCulture, out var wide) ? wide : 0,
            "float" or "double" => double.TryParse(literal, CultureInfo.InvariantCulture, out var real) ? real : 0,
            "bytes" => "",
            _ => literal,
        };
    }

    private static string AvroName(string name)
    {
        var cleaned = new string([.. name.Select(character => char.IsAsciiLetterOrDigit(character) || character == '_' ? character : '_')]);
        return char.IsAsciiDigit(cleaned[0]) ? "_" + cleaned : cleaned;
    }
}
