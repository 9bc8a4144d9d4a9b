using SchemaGate;

namespace KafkaConnectCdk.Lakehouse;

/// <summary>
/// The Athena (engine v3) <c>MERGE INTO</c> that brings a current-state table up to date from its changelog
/// (https://docs.aws.amazon.com/athena/latest/ug/merge-into-statement.html). For every primary key it takes the
/// change with the highest position (the Kafka offset of the table's single-partition topic, in which Debezium writes
/// the binlog's changes in order), so that duplicates and out-of-order files resolve to the newest change; it applies
/// that change only if it is newer than the row's, deletes the row for a delete, and never inserts a deleted key.
/// </summary>
public static class MergeStatement
{
    public static string For(string database, LandedTable table) => For(database, table.ChangelogName, table.CurrentStateName, table.Definition);

    public static string For(string database, string changelog, string current, TableDefinition definition)
    {
        var columns = IcebergSchema.Columns(definition).Select(column => Quote(column.Name)).ToList();
        var keys = definition.PrimaryKey.Select(name => Quote(LakehouseNames.GlueName(name))).ToList();
        var position = Quote(IcebergSchema.PositionColumn);
        var eventTime = Quote(IcebergSchema.EventTimeColumn);
        var cdc = Quote(IcebergSchema.CdcColumn);
        var assigned = columns.Where(column => !keys.Contains(column)).Append(position).Append(eventTime);
        return string.Join('\n',
            $"MERGE INTO {Quote(database)}.{Quote(current)} AS t",
            "USING (",
            $"  SELECT {string.Join(", ", columns)}, {cdc}.op AS _op, {cdc}.\"offset\" AS {position}, {cdc}.ts AS {eventTime}",
            "  FROM (",
            $"    SELECT *, row_number() OVER (PARTITION BY {string.Join(", ", keys)} ORDER BY {cdc}.\"offset\" DESC) AS _rank",
            $"    FROM {Quote(database)}.{Quote(changelog)}",
            $"  ) AS ranked",
            "  WHERE _rank = 1",
            ") AS s",
            $"ON {string.Join(" AND ", keys.Select(key => $"t.{key} = s.{key}"))}",
            $"WHEN MATCHED AND s._op = 'D' AND s.{position} > t.{position} THEN DELETE",
            $"WHEN MATCHED AND s.{position} > t.{position} THEN UPDATE SET {string.Join(", ", assigned.Select(column => $"{column} = s.{column}"))}",
            $"WHEN NOT MATCHED AND s._op <> 'D' THEN INSERT ({string.Join(", ", columns.Append(position).Append(eventTime))}) VALUES ({string.Join(", ", columns.Append(position).Append(eventTime).Select(column => $"s.{column}"))})");
    }

    private static string Quote(string name) => $"\"{name}\"";
}
