namespace SchemaGate;

/// <summary>A column as MySQL declares it: type name, arguments (length, precision, values), nullability, default.</summary>
public sealed record ColumnDefinition(
    string Name,
    string Type,
    IReadOnlyList<string> Arguments,
    bool Unsigned,
    bool Nullable,
    ColumnDefault Default);

/// <summary>A column's default: none, NULL, or a literal (a string as written, without quotes).</summary>
public sealed record ColumnDefault(bool Present, string? Literal)
{
    public static readonly ColumnDefault None = new(false, null);

    public static readonly ColumnDefault Null = new(true, null);

    public static ColumnDefault Of(string literal) => new(true, literal);
}

public sealed record TableDefinition(string Database, string Name, IReadOnlyList<ColumnDefinition> Columns)
{
    /// <summary>The primary key's columns in key order (from PRIMARY KEY (...) or a column's PRIMARY KEY); empty if none.</summary>
    public IReadOnlyList<string> PrimaryKey { get; init; } = [];

    public ColumnDefinition? Column(string name) =>
        Columns.FirstOrDefault(column => string.Equals(column.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>SQL the gate does not understand: it says what and where, and never guesses a verdict.</summary>
public sealed class UnsupportedSqlException(string message) : Exception(message);
