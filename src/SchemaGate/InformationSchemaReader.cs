using MySqlConnector;

namespace SchemaGate;

/// <summary>Reads a table's current definition from a live MySQL (or MariaDB) through information_schema.COLUMNS.</summary>
public static class InformationSchemaReader
{
    public sealed record ColumnRow(string Name, string ColumnType, bool Nullable, string? Default);

    public static async Task<TableDefinition> ReadAsync(string connectionString, string database, string table, CancellationToken cancellation = default)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = new MySqlCommand(
            "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @database AND TABLE_NAME = @table ORDER BY ORDINAL_POSITION",
            connection);
        command.Parameters.AddWithValue("@database", database);
        command.Parameters.AddWithValue("@table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var rows = new List<ColumnRow>();
        while (await reader.ReadAsync(cancellation))
        {
            rows.Add(new ColumnRow(reader.GetString(0), reader.GetString(1), reader.GetString(2) == "YES", reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows.Count == 0 ? throw new UnsupportedSqlException($"table {database}.{table} does not exist or has no columns") : FromRows(database, table, rows);
    }

    /// <summary>
    /// Rebuilds the definition from information_schema rows with the same parser as CREATE TABLE, so both sources map
    /// types identically. MariaDB reports a NULL default as the text NULL and string defaults quoted.
    /// </summary>
    public static TableDefinition FromRows(string database, string table, IReadOnlyList<ColumnRow> rows)
    {
        var columns = rows.Select(row =>
        {
            var definition = $"`{row.Name}` {row.ColumnType}{(row.Nullable ? " NULL" : " NOT NULL")}";
            if (row.Default is { } value && value != "NULL")
            {
                definition += value.StartsWith('\'') || value.StartsWith("current_timestamp", StringComparison.OrdinalIgnoreCase) ? $" DEFAULT {value}" : $" DEFAULT '{value}'";
            }

            return definition;
        });
        return SqlParser.ParseCreateTable($"CREATE TABLE `{database}`.`{table}` ({string.Join(", ", columns)})", database);
    }
}
