using System.Text.RegularExpressions;

namespace KafkaConnectCdk.Compliance;

/// <summary>
/// The Control Tower rules as @cdklabs/cdk-validator-cfnguard ships them (rules/control-tower/cfn-guard/*/ct-*.guard):
/// each file is one control, and its primary rule (the first "rule &lt;name&gt; when" line; the helper rules take
/// parameters) is the name the plugin reports a violation under.
/// </summary>
public static partial class ControlTowerRules
{
    public static string RulesDirectory => Platform.RepositoryPaths.Of("node_modules/@cdklabs/cdk-validator-cfnguard/rules/control-tower/cfn-guard");

    /// <summary>Control id (CT.KMS.PR.3) to guard rule name (kms_key_policy_...).</summary>
    public static IReadOnlyDictionary<string, string> ByControlId => byControlId.Value;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> byControlId = new(() =>
        Directory.EnumerateFiles(RulesDirectory, "ct-*.guard", SearchOption.AllDirectories).ToDictionary(
            file => ControlIdOf(Path.GetFileNameWithoutExtension(file)),
            file => PrimaryRule().Match(File.ReadAllText(file)) is { Success: true } match
                ? match.Groups[1].Value
                : throw new InvalidOperationException($"{file} declares no 'rule <name> when' rule.")));

    /// <summary>Rules the wrapper runs itself (see <see cref="DirectGuardRule"/>).</summary>
    public static IReadOnlyList<DirectGuardRule> RunDirectly { get; } = [new("ct-lambda-pr-3"), new("ct-rds-pr-14")];

    /// <summary>ct-cloudwatch-pr-2 to CT.CLOUDWATCH.PR.2.</summary>
    public static string ControlIdOf(string fileName) => fileName.ToUpperInvariant().Replace('-', '.');

    [GeneratedRegex(@"^rule\s+(\w+)\s+when\b", RegexOptions.Multiline)]
    private static partial Regex PrimaryRule();
}

/// <summary>One resource that breaks one guard rule.</summary>
public sealed record GuardFinding(string RuleName, string Description, string? Fix, string TemplatePath, string LogicalId, string[] Locations);

/// <summary>
/// A Control Tower rule the wrapper runs with the cfn-guard binary the plugin ships, because the plugin's result parser
/// mishandles its output: CfnGuardValidator 0.0.62 throws "Cannot read properties of undefined (reading 'to')" on
/// ct-lambda-pr-3 (its check_local_references sub-rule reports checks without a traversed path), which aborts the whole
/// report, and reports ct-rds-pr-14's failures at paths into the rule's own list of log types ("/0", "/2") with no
/// resource, so that no exception could name the database. The rule files and binary are the plugin's own; only the
/// JSON is read here, every /Resources/&lt;id&gt; path under a not_compliant rule naming a violating resource.
/// </summary>
public sealed partial record DirectGuardRule(string FileName)
{
    public string RulePath => Directory.EnumerateFiles(ControlTowerRules.RulesDirectory, $"{FileName}.guard", SearchOption.AllDirectories).Single();

    public static string GuardBinary
    {
        get
        {
            var platform = OperatingSystem.IsMacOS() ? "macos" : "ubuntu";
            var architecture = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "aarch64" : "x86_64";
            return Platform.RepositoryPaths.Of("node_modules/@cdklabs/cdk-validator-cfnguard/bin", platform, architecture, "cfn-guard");
        }
    }

    public IEnumerable<GuardFinding> Run(IEnumerable<string> templatePaths)
    {
        var start = new System.Diagnostics.ProcessStartInfo(GuardBinary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "validate", "--rules", RulePath })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var template in templatePaths)
        {
            start.ArgumentList.Add("--data");
            start.ArgumentList.Add(template);
        }

        foreach (var argument in new[] { "--output-format", "json", "--show-summary", "none", "--structured" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"{GuardBinary} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        // cfn-guard exits 0 when compliant, 19 (or 5) when a rule fails; anything else is an error of the tool.
        if (process.ExitCode is not (0 or 5 or 19))
        {
            throw new InvalidOperationException($"cfn-guard failed on {FileName} (exit {process.ExitCode}): {stderr.Result}");
        }

        return ParseFindings(output);
    }

    /// <summary>Every resource under a not_compliant rule of cfn-guard's structured JSON, with the rule's message.</summary>
    public static IEnumerable<GuardFinding> ParseFindings(string output)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            yield break;
        }

        foreach (var result in System.Text.Json.Nodes.JsonNode.Parse(output)!.AsArray())
        {
            var template = (string)result!["name"]!;
            foreach (var entry in result["not_compliant"]?.AsArray() ?? [])
            {
                var rule = entry!["Rule"]!;
                var text = rule.ToJsonString();
                var message = Messages().Matches(text).Select(match => System.Text.RegularExpressions.Regex.Unescape(match.Groups[1].Value)).FirstOrDefault(value => value.Contains("[FIX]", StringComparison.Ordinal)) ?? "";
                var lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var fix = lines.FirstOrDefault(line => line.StartsWith("[FIX]", StringComparison.Ordinal))?["[FIX]:".Length..].Trim();
                var description = lines.FirstOrDefault(line => !line.StartsWith("[FIX]", StringComparison.Ordinal)) ?? (string)rule["name"]!;
                foreach (var resource in ResourcePaths().Matches(text).Select(match => match.Groups[1].Value).Distinct(StringComparer.Ordinal))
                {
                    yield return new GuardFinding((string)rule["name"]!, description, fix, template, resource, [$"/Resources/{resource}"]);
                }
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"""custom_message"":""((?:[^""\\]|\\.)*)""")]
    private static partial System.Text.RegularExpressions.Regex Messages();

    [System.Text.RegularExpressions.GeneratedRegex(@"""path"":""/Resources/([^/""\[]+)")]
    private static partial System.Text.RegularExpressions.Regex ResourcePaths();
}
