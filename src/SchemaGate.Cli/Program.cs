using System.Text.Json;
using SchemaGate;

namespace SchemaGate.Cli;

/// <summary>
/// schema-gate: predicts the Glue Schema Registry's verdict on a MySQL schema change before it is applied.
/// Exit codes: 0 the change is compatible under --mode, 1 it is not, 2 bad input.
/// </summary>
public static class Program
{
    public const int Compatible = 0;
    public const int Incompatible = 1;
    public const int BadInput = 2;

    private const string Usage = """
        usage: schema-gate (--table CREATE_TABLE.sql | --mysql CONNECTION_STRING --database DB --table-name TABLE)
                           --change ALTER_TABLE.sql [--history OLDER_CREATE_TABLE.sql ...]
                           [--mode BACKWARD] [--topic-prefix fullfillment] [--format text|json]
        """;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var options = Parse(args);
            var current = options.MySql is { } connection
                ? InformationSchemaReader.ReadAsync(connection, options.Database ?? throw new UsageException("--mysql needs --database"), options.TableName ?? throw new UsageException("--mysql needs --table-name")).GetAwaiter().GetResult()
                : SqlParser.ParseCreateTable(ReadFile(options.Table ?? throw new UsageException("give --table or --mysql")));
            var proposed = SqlParser.ApplyAlter(current, ReadFile(options.Change ?? throw new UsageException("give --change")));
            var history = options.History.Select(file => DebeziumAvroSchema.ValueSchema(SqlParser.ParseCreateTable(ReadFile(file), current.Database), options.TopicPrefix))
                .Append(DebeziumAvroSchema.ValueSchema(current, options.TopicPrefix))
                .ToList();
            var result = CompatibilityGate.Evaluate(history, DebeziumAvroSchema.ValueSchema(proposed, options.TopicPrefix), $"{current.Database}.{current.Name}");
            var verdict = result.For(options.Mode);

            if (options.Format == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    table = result.Table,
                    mode = options.Mode,
                    compatible = verdict.Compatible,
                    reason = verdict.Reason,
                    verdicts = result.Verdicts.Select(entry => new { mode = entry.Mode, compatible = entry.Compatible, reason = entry.Reason }),
                    oldSchema = JsonDocument.Parse(result.OldSchema).RootElement,
                    newSchema = JsonDocument.Parse(result.NewSchema).RootElement,
                }, new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                output.WriteLine($"{result.Table}: {(verdict.Compatible ? "COMPATIBLE" : "INCOMPATIBLE")} under {options.Mode}: {verdict.Reason}");
                foreach (var entry in result.Verdicts)
                {
                    output.WriteLine($"  {entry.Mode,-12} {(entry.Compatible ? "ok  " : "FAIL")} {entry.Reason}");
                }
            }

            return verdict.Compatible ? Compatible : Incompatible;
        }
        catch (Exception exception) when (exception is UsageException or UnsupportedSqlException or IOException or MySqlConnector.MySqlException)
        {
            error.WriteLine($"schema-gate: {exception.Message}");
            if (exception is UsageException)
            {
                error.WriteLine(Usage);
            }

            return BadInput;
        }
    }

    private static string ReadFile(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new UsageException($"file not found: {path}");

    private static Options Parse(string[] args)
    {
        var options = new Options();
        for (var index = 0; index < args.Length; index++)
        {
            string Value() => index + 1 < args.Length ? args[++index] : throw new UsageException($"{args[index]} needs a value");
            switch (args[index])
            {
                case "--table": options.Table = Value(); break;
                case "--mysql": options.MySql = Value(); break;
                case "--database": options.Database = Value(); break;
                case "--table-name": options.TableName = Value(); break;
                case "--change": options.Change = Value(); break;
                case "--history": options.History.Add(Value()); break;
                case "--mode": options.Mode = Value().ToUpperInvariant(); break;
                case "--topic-prefix": options.TopicPrefix = Value(); break;
                case "--format": options.Format = Value(); break;
                default: throw new UsageException($"unknown option {args[index]}");
            }
        }

        if (!CompatibilityGate.Modes.Contains(options.Mode))
        {
            throw new UsageException($"--mode {options.Mode} is not a Glue compatibility mode ({string.Join(", ", CompatibilityGate.Modes)})");
        }

        return options.Format is "text" or "json" ? options : throw new UsageException($"--format {options.Format} is not text or json");
    }

    private sealed class Options
    {
        public string? Table { get; set; }

        public string? MySql { get; set; }

        public string? Database { get; set; }

        public string? TableName { get; set; }

        public string? Change { get; set; }

        public List<string> History { get; } = [];

        public string Mode { get; set; } = "BACKWARD";

        public string TopicPrefix { get; set; } = "fullfillment";

        public string Format { get; set; } = "text";
    }

    private sealed class UsageException(string message) : Exception(message);
}
