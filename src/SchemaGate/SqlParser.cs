using System.Text;

namespace SchemaGate;

/// <summary>
/// A deliberately small MySQL DDL parser: CREATE TABLE with column definitions, and ALTER TABLE ADD / DROP / MODIFY /
/// CHANGE / RENAME COLUMN and ALTER COLUMN SET|DROP DEFAULT. Anything else is rejected with a message naming it.
/// </summary>
public static class SqlParser
{
    private static readonly HashSet<string> TableConstraintWords = ["PRIMARY", "KEY", "INDEX", "UNIQUE", "CONSTRAINT", "FOREIGN", "FULLTEXT", "SPATIAL", "CHECK"];

    public static TableDefinition ParseCreateTable(string sql, string defaultDatabase = "test_db")
    {
        var tokens = new Tokens(sql);
        tokens.Expect("CREATE");
        tokens.Expect("TABLE");
        if (tokens.TryKeyword("IF"))
        {
            tokens.Expect("NOT");
            tokens.Expect("EXISTS");
        }

        var (database, table) = QualifiedName(tokens, defaultDatabase);
        tokens.Expect("(");
        var columns = new List<ColumnDefinition>();
        var primaryKey = new List<string>();
        while (true)
        {
            if (TableConstraintWords.Contains(tokens.Peek().ToUpperInvariant()))
            {
                primaryKey.AddRange(PrimaryKeyConstraint(tokens));
                tokens.SkipBalancedUntilCommaOrClose();
            }
            else
            {
                columns.Add(ColumnDefinitionOf(tokens, out var isPrimaryKey));
                if (isPrimaryKey)
                {
                    primaryKey.Add(columns[^1].Name);
                }
            }

            if (tokens.TryKeyword(","))
            {
                continue;
            }

            tokens.Expect(")");
            break;
        }

        return columns.Count == 0
            ? throw new UnsupportedSqlException($"CREATE TABLE {table} declares no column")
            : new TableDefinition(database, table, columns) { PrimaryKey = primaryKey };
    }

    /// <summary>The columns of <c>[CONSTRAINT name] PRIMARY KEY (a, b)</c>; nothing for any other constraint or index.</summary>
    private static List<string> PrimaryKeyConstraint(Tokens tokens)
    {
        var columns = new List<string>();
        if (tokens.TryKeyword("CONSTRAINT") && !tokens.PeekKeyword("PRIMARY"))
        {
            tokens.Identifier();
        }

        if (!tokens.TryKeyword("PRIMARY"))
        {
            return columns;
        }

        tokens.Expect("KEY");
        tokens.Expect("(");
        do
        {
            columns.Add(tokens.Identifier());
            tokens.TryParenthesesPair();
        }
        while (tokens.TryKeyword(","));
        tokens.Expect(")");
        return columns;
    }

    /// <summary>Applies an ALTER TABLE statement to the table and returns the table after it.</summary>
    public static TableDefinition ApplyAlter(TableDefinition table, string sql)
    {
        var tokens = new Tokens(sql);
        tokens.Expect("ALTER");
        tokens.Expect("TABLE");
        var (_, name) = QualifiedName(tokens, table.Database);
        if (!string.Equals(name, table.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedSqlException($"the ALTER TABLE statement changes table '{name}', but the definition given is for '{table.Name}'");
        }

        var columns = table.Columns.ToList();
        do
        {
            var action = tokens.Next().ToUpperInvariant();
            switch (action)
            {
                case "ADD" when TableConstraintWords.Contains(tokens.Peek().ToUpperInvariant()):
                    // Indexes and constraints do not change the rows Debezium emits.
                    tokens.SkipBalancedUntilCommaOrClose();
                    break;
                case "ADD":
                    tokens.TryKeyword("COLUMN");
                    var added = ColumnDefinitionOf(tokens);
                    if (Find(columns, added.Name) >= 0)
                    {
                        throw new UnsupportedSqlException($"ADD COLUMN {added.Name}: the column exists already");
                    }

                    if (tokens.TryKeyword("FIRST"))
                    {
                        columns.Insert(0, added);
                    }
                    else if (tokens.TryKeyword("AFTER"))
                    {
                        columns.Insert(Existing(columns, tokens.Identifier(), "AFTER") + 1, added);
                    }
                    else
                    {
                        columns.Add(added);
                    }

                    break;
                case "DROP":
                    tokens.TryKeyword("COLUMN");
                    columns.RemoveAt(Existing(columns, tokens.Identifier(), "DROP COLUMN"));
                    break;
                case "MODIFY":
                    tokens.TryKeyword("COLUMN");
                    var modified = ColumnDefinitionOf(tokens);
                    columns[Existing(columns, modified.Name, "MODIFY COLUMN")] = modified;
                    break;
                case "CHANGE":
                    tokens.TryKeyword("COLUMN");
                    var old = Existing(columns, tokens.Identifier(), "CHANGE COLUMN");
                    columns[old] = ColumnDefinitionOf(tokens);
                    break;
                case "RENAME":
                    tokens.Expect("COLUMN");
                    var renamed = Existing(columns, tokens.Identifier(), "RENAME COLUMN");
                    tokens.Expect("TO");
                    columns[renamed] = columns[renamed] with { Name = tokens.Identifier() };
                    break;
                case "ALTER":
                    tokens.TryKeyword("COLUMN");
                    var altered = Existing(columns, tokens.Identifier(), "ALTER COLUMN");
                    if (tokens.TryKeyword("SET"))
                    {
                        tokens.Expect("DEFAULT");
                        columns[altered] = columns[altered] with { Default = DefaultOf(tokens) };
                    }
                    else
                    {
                        tokens.Expect("DROP");
                        tokens.Expect("DEFAULT");
                        columns[altered] = columns[altered] with { Default = ColumnDefault.None };
                    }

                    break;
                default:
                    throw new UnsupportedSqlException($"ALTER TABLE {action} is not supported by the schema gate (supported: ADD, DROP, MODIFY, CHANGE, RENAME COLUMN, ALTER COLUMN SET/DROP DEFAULT)");
            }
        }
        while (tokens.TryKeyword(","));

        tokens.TryKeyword(";");
        return tokens.AtEnd ? table with { Columns = columns } : throw new UnsupportedSqlException($"unexpected '{tokens.Peek()}' after the ALTER TABLE actions");
    }

    private static (string Database, string Table) QualifiedName(Tokens tokens, string defaultDatabase)
    {
        var first = tokens.Identifier();
        return tokens.TryKeyword(".") ? (first, tokens.Identifier()) : (defaultDatabase, first);
    }

    private static ColumnDefinition ColumnDefinitionOf(Tokens tokens) => ColumnDefinitionOf(tokens, out _);

    private static ColumnDefinition ColumnDefinitionOf(Tokens tokens, out bool isPrimaryKey)
    {
        isPrimaryKey = false;
        var name = tokens.Identifier();
        var type = tokens.Next().ToUpperInvariant();
        var arguments = new List<string>();
        if (tokens.TryKeyword("("))
        {
            do
            {
                arguments.Add(tokens.Next().Trim('\''));
            }
            while (tokens.TryKeyword(","));
            tokens.Expect(")");
        }

        var unsigned = false;
        var nullable = true;
        var defaultValue = ColumnDefault.None;
        while (!tokens.AtEnd && tokens.Peek() is not ("," or ")" or ";") && !tokens.PeekKeyword("FIRST") && !tokens.PeekKeyword("AFTER"))
        {
            var word = tokens.Next().ToUpperInvariant();
            switch (word)
            {
                case "UNSIGNED": unsigned = true; break;
                case "SIGNED" or "ZEROFILL" or "AUTO_INCREMENT" or "UNIQUE" or "BINARY": break;
                case "NOT": tokens.Expect("NULL"); nullable = false; break;
                case "NULL": nullable = true; break;
                case "PRIMARY": tokens.Expect("KEY"); nullable = false; isPrimaryKey = true; break;
                case "KEY": break;
                case "DEFAULT": defaultValue = DefaultOf(tokens); break;
                case "COMMENT": tokens.Next(); break;
                case "CHARACTER": tokens.Expect("SET"); tokens.Next(); break;
                case "CHARSET" or "COLLATE": tokens.Next(); break;
                case "ON":
                    tokens.Expect("UPDATE");
                    tokens.Next();
                    tokens.TryParenthesesPair();
                    break;
                default:
                    throw new UnsupportedSqlException($"column {name}: '{word}' is not supported by the schema gate");
            }
        }

        return new ColumnDefinition(name, type, arguments, unsigned, nullable, defaultValue);
    }

    private static ColumnDefault DefaultOf(Tokens tokens)
    {
        var token = tokens.Next();
        if (string.Equals(token, "NULL", StringComparison.OrdinalIgnoreCase))
        {
            return ColumnDefault.Null;
        }

        if (token == "(")
        {
            throw new UnsupportedSqlException("expression defaults (DEFAULT (...)) are not supported by the schema gate");
        }

        // CURRENT_TIMESTAMP and friends are evaluated by MySQL per row: Debezium emits no schema default for them.
        var literal = token.StartsWith('\'') ? token[1..^1] : token;
        tokens.TryParenthesesPair();
        return token.StartsWith("CURRENT_", StringComparison.OrdinalIgnoreCase) || token.Equals("NOW", StringComparison.OrdinalIgnoreCase)
            ? ColumnDefault.None
            : ColumnDefault.Of(literal);
    }

    private static int Find(List<ColumnDefinition> columns, string name) =>
        columns.FindIndex(column => string.Equals(column.Name, name, StringComparison.OrdinalIgnoreCase));

    private static int Existing(List<ColumnDefinition> columns, string name, string action)
    {
        var index = Find(columns, name);
        return index >= 0 ? index : throw new UnsupportedSqlException($"{action} {name}: the table has no such column");
    }

    /// <summary>Identifiers, backquoted identifiers, quoted strings, numbers and punctuation; comments dropped.</summary>
    private sealed class Tokens
    {
        private readonly List<string> items = [];
        private int position;

        public Tokens(string sql)
        {
            var index = 0;
            while (index < sql.Length)
            {
                var character = sql[index];
                if (char.IsWhiteSpace(character))
                {
                    index++;
                }
                else if (character == '-' && index + 1 < sql.Length && sql[index + 1] == '-')
                {
                    index = sql.IndexOf('\n', index) is var end and >= 0 ? end : sql.Length;
                }
                else if (character is '\'' or '"')
                {
                    var builder = new StringBuilder().Append('\'');
                    index++;
                    while (index < sql.Length && sql[index] != character)
                    {
                        builder.Append(sql[index++]);
                    }

                    if (index >= sql.Length)
                    {
                        throw new UnsupportedSqlException("a quoted string is not closed");
                    }

                    index++;
                    items.Add(builder.Append('\'').ToString());
                }
                else if (character == '`')
                {
                    var end = sql.IndexOf('`', index + 1);
                    items.Add(end > index ? sql[(index + 1)..end] : throw new UnsupportedSqlException("a `quoted` identifier is not closed"));
                    index = end + 1;
                }
                else if (char.IsLetterOrDigit(character) || character is '_' or '$' || (character is '-' or '+' && index + 1 < sql.Length && char.IsDigit(sql[index + 1])))
                {
                    var start = index++;
                    while (index < sql.Length && (char.IsLetterOrDigit(sql[index]) || sql[index] is '_' or '$' || (sql[index] == '.' && char.IsDigit(sql[start]))))
                    {
                        index++;
                    }

                    items.Add(sql[start..index]);
                }
                else
                {
                    items.Add(character.ToString());
                    index++;
                }
            }
        }

        public bool AtEnd => position >= items.Count || (items[position] == ";" && position == items.Count - 1);

        public string Peek() => position < items.Count ? items[position] : "<end>";

        public bool PeekKeyword(string keyword) => string.Equals(Peek(), keyword, StringComparison.OrdinalIgnoreCase);

        public string Next() => position < items.Count ? items[position++] : throw new UnsupportedSqlException("the statement ends too early");

        public string Identifier()
        {
            var token = Next();
            return char.IsLetterOrDigit(token[0]) || token[0] is '_' or '$' ? token : throw new UnsupportedSqlException($"expected a name, found '{token}'");
        }

        public void Expect(string keyword)
        {
            var token = Next();
            if (!string.Equals(token, keyword, StringComparison.OrdinalIgnoreCase))
            {
                throw new UnsupportedSqlException($"expected {keyword}, found '{token}'");
            }
        }

        public bool TryKeyword(string keyword)
        {
            if (PeekKeyword(keyword))
            {
                position++;
                return true;
            }

            return false;
        }

        public void TryParenthesesPair()
        {
            if (TryKeyword("("))
            {
                while (Next() != ")")
                {
                }
            }
        }

        public void SkipBalancedUntilCommaOrClose()
        {
            var depth = 0;
            while (!AtEnd)
            {
                var token = Peek();
                if (depth == 0 && token is "," or ")")
                {
                    return;
                }

                depth += token == "(" ? 1 : token == ")" ? -1 : 0;
                position++;
            }
        }
    }
}
