using System.Text;
using System.Text.RegularExpressions;

namespace IcebergTableSync;

/// <summary>
/// Athena's Iceberg DDL for the plans: CREATE TABLE with <c>'table_type'='ICEBERG'</c>
/// (https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-creating-tables.html; CREATE EXTERNAL TABLE is
/// refused for Iceberg) and ALTER TABLE ADD COLUMNS
/// (https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-alter-table-add-columns.html). Identifiers are
/// backquoted: Athena's DDL requires it of names that begin with an underscore, such as the sink's <c>_cdc</c>
/// (https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html, "Names that begin with an
/// underscore"). Every name and type is checked before it is written into a statement.
/// </summary>
public static partial class AthenaDdl
{
    /// <summary>
    /// Table properties Athena accepts for Iceberg (its "Specify table properties" list): the table type, and the file
    /// format written explicitly so that the table does not depend on Athena's default.
    /// </summary>
    public static readonly IReadOnlyList<(string Key, string Value)> TableProperties = [("table_type", "ICEBERG"), ("format", "parquet")];

    /// <summary>
    /// Primitive Athena types Iceberg DDL accepts (https://docs.aws.amazon.com/athena/latest/ug/querying-iceberg-supported-data-types.html):
    /// no tinyint, smallint, char or varchar; timestamp only without time zone. Decimal, array, map and struct are composite.
    /// </summary>
    public static readonly IReadOnlyList<string> PrimitiveTypes = ["boolean", "int", "bigint", "float", "double", "string", "binary", "date", "timestamp"];

    public static string CreateTable(string database, DesiredTable table)
    {
        if (table.Columns.Count == 0)
        {
            throw new ArgumentException($"table {table.Name} has no columns", nameof(table));
        }

        var sql = new StringBuilder()
            .Append("CREATE TABLE ").Append(Identifier(database)).Append('.').Append(Identifier(table.Name)).Append(" (")
            .AppendJoin(", ", table.Columns.Select(Column))
            .Append(") LOCATION '").Append(Location(table.Location)).Append("' TBLPROPERTIES (")
            .AppendJoin(", ", TableProperties.Select(property => $"'{property.Key}'='{property.Value}'"))
            .Append(')');
        return sql.ToString();
    }

    public static string AddColumns(string database, string table, IReadOnlyList<TableColumn> columns) =>
        columns.Count == 0
            ? throw new ArgumentException($"no columns to add to {table}", nameof(columns))
            : $"ALTER TABLE {Identifier(database)}.{Identifier(table)} ADD COLUMNS ({string.Join(", ", columns.Select(Column))})";

    /// <summary>
    /// A backquoted name. Glue and Athena names are lowercase (https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html);
    /// this app's names are plain lowercase identifiers, so anything else is refused rather than escaped.
    /// </summary>
    public static string Identifier(string name) =>
        PlainName().IsMatch(name) ? $"`{name}`" : throw new ArgumentException($"'{name}' is not a lowercase name of letters, digits and underscores", nameof(name));

    /// <summary>Whether the type is one Athena's Iceberg DDL accepts, nested types included.</summary>
    public static bool IsSupportedType(string type)
    {
        var position = 0;
        var normalized = TablePlanner.NormalizedType(type);
        return ParseType(normalized, ref position) && position == normalized.Length;
    }

    private static string Column(TableColumn column) =>
        IsSupportedType(column.Type)
            ? $"{Identifier(column.Name)} {TablePlanner.NormalizedType(column.Type)}"
            : throw new ArgumentException($"column {column.Name}: '{column.Type}' is not an Athena Iceberg type", nameof(column));

    private static string Location(string location) =>
        location.StartsWith("s3://", StringComparison.Ordinal) && !location.Contains('\'') && !location.Any(char.IsWhiteSpace)
            ? location
            : throw new ArgumentException($"'{location}' is not an s3:// location without quotes or blanks", nameof(location));

    private static bool ParseType(string type, ref int position)
    {
        var name = TypeName().Match(type, position);
        if (!name.Success || name.Index != position)
        {
            return false;
        }

        position += name.Length;
        switch (name.Value)
        {
            case "decimal":
                var arguments = DecimalArguments().Match(type, position);
                if (!arguments.Success || arguments.Index != position)
                {
                    return false;
                }

                position += arguments.Length;
                var precision = int.Parse(arguments.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var scale = int.Parse(arguments.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                return precision is >= 1 and <= 38 && scale <= precision;
            case "array":
                return Expect(type, ref position, '<') && ParseType(type, ref position) && Expect(type, ref position, '>');
            case "map":
                return Expect(type, ref position, '<') && ParseType(type, ref position) && Expect(type, ref position, ',')
                    && ParseType(type, ref position) && Expect(type, ref position, '>');
            case "struct":
                if (!Expect(type, ref position, '<'))
                {
                    return false;
                }

                do
                {
                    var field = FieldName().Match(type, position);
                    if (!field.Success || field.Index != position)
                    {
                        return false;
                    }

                    position += field.Length;
                    if (!ParseType(type, ref position))
                    {
                        return false;
                    }
                }
                while (Expect(type, ref position, ','));

                return Expect(type, ref position, '>');
            default:
                return PrimitiveTypes.Contains(name.Value);
        }
    }

    private static bool Expect(string type, ref int position, char expected)
    {
        if (position < type.Length && type[position] == expected)
        {
            position++;
            return true;
        }

        return false;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,254}$")]
    private static partial Regex PlainName();

    [GeneratedRegex("[a-z]+")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"\((\d{1,2}),(\d{1,2})\)")]
    private static partial Regex DecimalArguments();

    [GeneratedRegex("[a-z_][a-z0-9_]*:")]
    private static partial Regex FieldName();
}
