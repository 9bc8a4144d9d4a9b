namespace IcebergTableSync;

/// <summary>A column as Athena DDL names it: lowercase name, Athena type (<c>bigint</c>, <c>struct&lt;a:int&gt;</c>).</summary>
public sealed record TableColumn(string Name, string Type);

/// <summary>A table the lakehouse needs: its name, S3 location and columns in order.</summary>
public sealed record DesiredTable(string Name, string Location, IReadOnlyList<TableColumn> Columns);

/// <summary>
/// A table as Glue GetTable returns it: the <c>table_type</c> parameter (<c>ICEBERG</c> for Iceberg tables, whoever
/// created them) and the current columns of StorageDescriptor.Columns.
/// </summary>
public sealed record CatalogTable(string Name, string? TableType, IReadOnlyList<TableColumn> Columns);

/// <summary>What to do with one desired table.</summary>
public abstract record TablePlan(string Table)
{
    /// <summary>The table does not exist: CREATE TABLE.</summary>
    public sealed record Create(DesiredTable Desired) : TablePlan(Desired.Name);

    /// <summary>The table lacks some of the desired columns: ALTER TABLE ADD COLUMNS with these, in desired order.</summary>
    public sealed record AddColumns(string Name, IReadOnlyList<TableColumn> Missing) : TablePlan(Name);

    public sealed record UpToDate(string Name) : TablePlan(Name);

    /// <summary>The table cannot be brought to the desired state by adding columns: the deployment fails with the reason.</summary>
    public sealed record Refuse(string Name, string Reason) : TablePlan(Name);
}

/// <summary>
/// Desired against actual, per table. Only additions are made: an Iceberg table's columns are added with Athena's
/// ALTER TABLE ADD COLUMNS; columns the table has beyond the desired ones (the sink's own schema evolution) stay; a
/// changed type or a table that is not Iceberg needs a person, because changing either loses or rewrites data.
/// </summary>
public static class TablePlanner
{
    /// <summary>The value of Glue's <c>table_type</c> parameter on Iceberg tables (compared case-insensitively).</summary>
    public const string IcebergTableType = "ICEBERG";

    public static TablePlan Plan(DesiredTable desired, CatalogTable? actual)
    {
        if (actual is null)
        {
            return new TablePlan.Create(desired);
        }

        if (!string.Equals(actual.TableType, IcebergTableType, StringComparison.OrdinalIgnoreCase))
        {
            return new TablePlan.Refuse(desired.Name,
                $"table {desired.Name} exists but is not an Iceberg table (table_type is {actual.TableType ?? "not set"}); " +
                $"drop it (its data stays under {desired.Location}) or rename it, then deploy again to create it as Iceberg");
        }

        var present = new Dictionary<string, TableColumn>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in actual.Columns)
        {
            present.TryAdd(column.Name, column);
        }

        var changed = desired.Columns
            .Where(column => present.TryGetValue(column.Name, out var existing) && NormalizedType(existing.Type) != NormalizedType(column.Type))
            .Select(column => $"{column.Name} is {present[column.Name].Type}, the schema wants {column.Type}")
            .ToList();
        if (changed.Count > 0)
        {
            return new TablePlan.Refuse(desired.Name,
                $"table {desired.Name}: column type changed ({string.Join("; ", changed)}); Iceberg only widens int to bigint, float to double " +
                "and decimal precision, and the schema gate should have refused the change: revert the column's type in migrations/schema, " +
                "or add a new column instead");
        }

        var missing = desired.Columns.Where(column => !present.ContainsKey(column.Name)).ToList();
        return missing.Count == 0 ? new TablePlan.UpToDate(desired.Name) : new TablePlan.AddColumns(desired.Name, missing);
    }

    /// <summary>
    /// Glue stores the type string as written (Athena's own examples write <c>struct&lt;x: double, y: double&gt;</c>,
    /// Iceberg's catalog writes <c>struct&lt;x:double,y:double&gt;</c>): types are compared without case or blanks.
    /// </summary>
    public static string NormalizedType(string type) =>
        string.Concat(type.Where(character => !char.IsWhiteSpace(character))).ToLowerInvariant();
}
