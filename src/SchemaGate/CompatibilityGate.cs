using Avro;

namespace SchemaGate;

public sealed record ModeVerdict(string Mode, bool Compatible, string Reason);

public sealed record GateResult(string Table, string OldSchema, string NewSchema, IReadOnlyList<ModeVerdict> Verdicts)
{
    public ModeVerdict For(string mode) => Verdicts.Single(verdict => verdict.Mode == mode);
}

/// <summary>
/// Decides, for every Glue compatibility mode, whether the registry would accept the new schema version, using Avro's
/// own reader/writer resolution (Schema.CanRead) and explaining a refusal in words.
/// </summary>
public static class CompatibilityGate
{
    public static readonly IReadOnlyList<string> Modes = ["NONE", "DISABLED", "BACKWARD", "BACKWARD_ALL", "FORWARD", "FORWARD_ALL", "FULL", "FULL_ALL"];

    private const string BackwardConsequence = "readers of the new schema cannot read records written with the old one";
    private const string ForwardConsequence = "readers of the old schema cannot read records written with the new one";

    /// <summary>Verdicts for the change from the last of <paramref name="history"/> to <paramref name="proposed"/>.</summary>
    public static GateResult Evaluate(IReadOnlyList<RecordSchema> history, RecordSchema proposed, string table)
    {
        if (history.Count == 0)
        {
            throw new ArgumentException("at least the current schema is needed", nameof(history));
        }

        var latest = history[^1];
        return new GateResult(table, latest.ToString(), proposed.ToString(),
        [
            new("NONE", true, "NONE accepts every new version"),
            new("DISABLED", false, "DISABLED accepts no new version: the registry refuses any change to this schema"),
            Check("BACKWARD", [latest], proposed, backward: true, forward: false),
            Check("BACKWARD_ALL", history, proposed, backward: true, forward: false),
            Check("FORWARD", [latest], proposed, backward: false, forward: true),
            Check("FORWARD_ALL", history, proposed, backward: false, forward: true),
            Check("FULL", [latest], proposed, backward: true, forward: true),
            Check("FULL_ALL", history, proposed, backward: true, forward: true),
        ]);
    }

    private static ModeVerdict Check(string mode, IReadOnlyList<RecordSchema> earlier, RecordSchema proposed, bool backward, bool forward)
    {
        for (var index = earlier.Count - 1; index >= 0; index--)
        {
            var version = earlier.Count > 1 ? $" (version {index + 1} of {earlier.Count})" : "";
            if (backward && Incompatibility(reader: proposed, writer: earlier[index], readerIsNew: true) is { } backwardProblem)
            {
                return new(mode, false, $"{backwardProblem}{version}: {BackwardConsequence}");
            }

            if (forward && Incompatibility(reader: earlier[index], writer: proposed, readerIsNew: false) is { } forwardProblem)
            {
                return new(mode, false, $"{forwardProblem}{version}: {ForwardConsequence}");
            }
        }

        return new(mode, true, earlier.Count > 1 ? $"compatible with all {earlier.Count} earlier versions" : "compatible with the current version");
    }

    /// <summary>Why the reader cannot read the writer's records, in words; null when it can.</summary>
    private static string? Incompatibility(RecordSchema reader, RecordSchema writer, bool readerIsNew)
    {
        if (reader.CanRead(writer))
        {
            if (ResolutionProbe.FirstFailure(writer, reader) is not { } field)
            {
                return null;
            }

            var readerType = Describe(reader.Fields.Single(candidate => candidate.Name == field).Schema);
            var writerType = Describe(writer.Fields.Single(candidate => candidate.Name == field).Schema);
            return $"field '{field}' changes from {(readerIsNew ? writerType : readerType)} to {(readerIsNew ? readerType : writerType)}";
        }

        return Explain(reader, writer, readerIsNew);
    }

    /// <summary>The first reader field that makes schema resolution fail, in words.</summary>
    private static string Explain(RecordSchema reader, RecordSchema writer, bool readerIsNew)
    {
        foreach (var field in reader.Fields)
        {
            if (!writer.TryGetField(field.Name, out var written))
            {
                if (field.DefaultValue is null)
                {
                    return readerIsNew
                        ? $"new field '{field.Name}' is required and has no default"
                        : $"field '{field.Name}' is dropped, but the old schema requires it and has no default";
                }

                continue;
            }

            if (!field.Schema.CanRead(written.Schema))
            {
                return $"field '{field.Name}' changes from {Describe(readerIsNew ? written.Schema : field.Schema)} to {Describe(readerIsNew ? field.Schema : written.Schema)}";
            }
        }

        return "the record schemas do not resolve";
    }

    private static string Describe(Schema schema) => schema switch
    {
        UnionSchema union => string.Join(" or ", union.Schemas.Select(Describe)),
        _ when schema.GetProperty("logicalType") is { } logical => $"{schema.Name} ({logical.Trim('"')})",
        _ => schema.Name,
    };
}
