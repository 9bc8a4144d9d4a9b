using System.Text.RegularExpressions;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>One instruction of a Dockerfile: its keyword (upper case) and its arguments, continuation lines joined.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments);

/// <summary>One build stage: `FROM [--platform=P] base [AS name]` and the instructions up to the next FROM.</summary>
public sealed record DockerStage(string Base, string? Name, string? Platform, IReadOnlyList<DockerInstruction> Instructions)
{
    public bool Runs => Instructions.Any(instruction => instruction.Keyword == "RUN");
}

/// <summary>
/// A small reader of the Dockerfile syntax (https://docs.docker.com/reference/dockerfile/): comment lines, parser
/// directives (`# syntax=` before the first instruction), line continuations with a trailing backslash, and stages.
/// </summary>
public sealed partial class DockerfileStages
{
    private DockerfileStages(IReadOnlyList<string> directives, IReadOnlyList<DockerInstruction> globalArgs, IReadOnlyList<DockerStage> stages)
    {
        Directives = directives;
        GlobalArgs = globalArgs;
        Stages = stages;
    }

    /// <summary>Parser directives such as `syntax=docker/dockerfile:1`, lower case keys.</summary>
    public IReadOnlyList<string> Directives { get; }

    /// <summary>ARG instructions before the first FROM (the global scope FROM lines can use).</summary>
    public IReadOnlyList<DockerInstruction> GlobalArgs { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>The stage the image is: the last one.</summary>
    public DockerStage Final => Stages[^1];

    public DockerStage Named(string name) => Stages.Single(stage => string.Equals(stage.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The stage and every earlier stage it is built FROM (not COPY --from), nearest first.</summary>
    public IEnumerable<DockerStage> Lineage(DockerStage stage)
    {
        for (DockerStage? current = stage; current is not null; current = Stages.FirstOrDefault(candidate => string.Equals(candidate.Name, current.Base, StringComparison.OrdinalIgnoreCase)))
        {
            yield return current;
        }
    }

    /// <summary>Whether a base names an earlier stage rather than an image.</summary>
    public bool IsStage(string reference) => Stages.Any(stage => string.Equals(stage.Name, reference, StringComparison.OrdinalIgnoreCase));

    public static DockerfileStages Parse(string text)
    {
        var directives = new List<string>();
        var globalArgs = new List<DockerInstruction>();
        var stages = new List<(string Base, string? Name, string? Platform, List<DockerInstruction> Instructions)>();
        var seenInstruction = false;
        var pending = "";

        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && line.StartsWith('#'))
            {
                if (!seenInstruction && Directive().Match(line) is { Success: true } directive)
                {
                    directives.Add($"{directive.Groups[1].Value.ToLowerInvariant()}={directive.Groups[2].Value.Trim()}");
                }

                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var full = (pending + line).Trim();
            pending = "";
            if (full.Length == 0)
            {
                continue;
            }

            seenInstruction = true;
            var space = full.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? full : full[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : full[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var match = From().Match(arguments);
                if (!match.Success)
                {
                    throw new FormatException($"unreadable FROM: {arguments}");
                }

                stages.Add((match.Groups["base"].Value, match.Groups["name"].Success ? match.Groups["name"].Value : null,
                    match.Groups["platform"].Success ? match.Groups["platform"].Value : null, []));
            }
            else if (stages.Count == 0)
            {
                globalArgs.Add(new DockerInstruction(keyword, arguments));
            }
            else
            {
                stages[^1].Instructions.Add(new DockerInstruction(keyword, arguments));
            }
        }

        return new DockerfileStages(directives, globalArgs, [.. stages.Select(stage => new DockerStage(stage.Base, stage.Name, stage.Platform, stage.Instructions))]);
    }

    [GeneratedRegex(@"^#\s*([a-zA-Z]+)\s*=\s*(.+)$")]
    private static partial Regex Directive();

    [GeneratedRegex(@"^(--platform=(?<platform>\S+)\s+)?(?<base>\S+)(\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex From();
}
