using System.Text;
using System.Text.Json.Nodes;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>One line of a cdk-nag compliance report.</summary>
public sealed record NagReportLine(string RuleId, string ResourcePath, string Compliance, string ExceptionReason)
{
    /// <summary>
    /// Whether this line is a finding the suppression answered: cdk-nag writes the suppression's reason, prefixed with
    /// "[finding] " when the suppression has appliesTo (lib/nag-pack.js ignoreRule).
    /// </summary>
    public bool IsSuppressedBy(TemplateSuppression suppression) =>
        Compliance == "Suppressed" && RuleId == suppression.RuleId
        && (ExceptionReason == suppression.Reason || ExceptionReason.EndsWith("] " + suppression.Reason, StringComparison.Ordinal));
}

/// <summary>A suppression as a template carries it: Metadata.cdk_nag.rules_to_suppress of one resource.</summary>
public sealed record TemplateSuppression(string Template, string LogicalId, string RuleId, string Reason);

/// <summary>
/// What cdk-nag leaves in a cloud assembly: the CSV report per stack (lib/nag-logger.js NagReportLogger, written to the
/// root app's outdir as PACK-STAGE-STACK-NagReport.csv, every field double-quoted with quotes doubled) and the
/// suppressions in the templates' metadata (lib/utils/nag-suppression-helper.js toCfnFormat).
/// </summary>
public static class NagReports
{
    public static IReadOnlyList<NagReportLine> Lines(string assemblyDirectory, string fileNamePattern = "AwsSolutions-*-NagReport.csv") =>
        [.. Directory.GetFiles(assemblyDirectory, fileNamePattern)
            .SelectMany(file => ParseCsv(File.ReadAllText(file)).Skip(1))
            .Select(fields => new NagReportLine(fields[0], fields[1], fields[2], fields[3]))];

    public static IReadOnlyList<TemplateSuppression> Suppressions(string templateFile)
    {
        var template = JsonNode.Parse(File.ReadAllText(templateFile))!;
        return [.. (template["Resources"]?.AsObject() ?? [])
            .SelectMany(resource => (resource.Value!["Metadata"]?["cdk_nag"]?["rules_to_suppress"]?.AsArray() ?? [])
                .Select(rule => new TemplateSuppression(Path.GetFileName(templateFile), resource.Key, (string)rule!["id"]!, ReasonOf(rule))))];
    }

    /// <summary>Every template of the assembly, nested stacks' and stages' included.</summary>
    public static IReadOnlyList<TemplateSuppression> AllSuppressions(string assemblyDirectory) =>
        [.. Directory.GetFiles(assemblyDirectory, "*.template.json", SearchOption.AllDirectories).SelectMany(Suppressions)];

    /// <summary>A reason with a character above U+00FF is stored base64-encoded with is_reason_encoded.</summary>
    private static string ReasonOf(JsonNode rule) =>
        (bool?)rule["is_reason_encoded"] == true ? Encoding.UTF8.GetString(Convert.FromBase64String((string)rule["reason"]!)) : (string)rule["reason"]!;

    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (quoted)
            {
                if (character == '"' && index + 1 < text.Length && text[index + 1] == '"')
                {
                    field.Append('"');
                    index++;
                }
                else if (character == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(character);
                }
            }
            else if (character == '"')
            {
                quoted = true;
            }
            else if (character == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (character == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(character);
            }
        }

        return rows;
    }
}

/// <summary>An error or warning annotation recorded for a construct of a stack.</summary>
public sealed record AssemblyMessage(string ConstructPath, string Level, string Text)
{
    public override string ToString() => $"{Level} {ConstructPath}: {Text}";
}

/// <summary>
/// The error and warning annotations of a stack artifact as the cloud assembly records them: the artifact's metadata
/// in manifest.json, or in the file its additionalMetadataFile names, keyed by construct path, entries of type
/// aws:cdk:error and aws:cdk:warning (aws-cdk-lib @aws-cdk/cloud-assembly-schema lib/cloud-assembly/metadata-schema.js
/// ArtifactMetadataEntryType). Read from disk: Annotations.FromStack would synthesize the app again.
/// </summary>
public static class AssemblyMessages
{
    public const string Error = "aws:cdk:error";
    public const string Warning = "aws:cdk:warning";

    public static IReadOnlyList<AssemblyMessage> ErrorsAndWarnings(string assemblyDirectory, string artifactId)
    {
        var artifact = JsonNode.Parse(File.ReadAllText(Path.Combine(assemblyDirectory, "manifest.json")))!["artifacts"]![artifactId]
            ?? throw new InvalidOperationException($"{artifactId} is not an artifact of {assemblyDirectory}");
        var metadata = (artifact["metadata"]?.AsObject() ?? []).ToList();
        if ((string?)artifact["additionalMetadataFile"] is { } file)
        {
            metadata.AddRange(JsonNode.Parse(File.ReadAllText(Path.Combine(assemblyDirectory, file)))!.AsObject());
        }

        return [.. metadata.SelectMany(path => path.Value!.AsArray()
            .Where(entry => (string?)entry!["type"] is Error or Warning)
            .Select(entry => new AssemblyMessage(path.Key, (string)entry!["type"]!, entry["data"]!.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)entry["data"]! : entry["data"]!.ToJsonString())))];
    }
}
