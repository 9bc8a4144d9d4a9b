using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>
/// Compares a synthesized template with its committed snapshot in Snapshots/. A missing or different snapshot fails;
/// run the tests with UPDATE_SNAPSHOTS=1 to accept the new output, then review the diff in git. Embedded JSON documents
/// (Kubernetes manifests above all) are written out indented (<see cref="EmbeddedJson"/>), so that a changed key of a
/// manifest is a changed line rather than a changed string of several kilobytes.
/// </summary>
public static partial class Snapshot
{
    // Snapshots are read by people, never embedded in HTML: quotes and apostrophes as they are rather than \u0022.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";

    public static void Matches(string name, JsonNode actual)
    {
        var snapshotPath = Path.Combine(RepositoryFiles.TestProjectDirectory, "Snapshots", $"{name}.json");
        var actualText = Render(actual);

        if (Updating)
        {
            File.WriteAllText(snapshotPath, actualText);
            return;
        }

        Assert.True(File.Exists(snapshotPath), $"No snapshot {snapshotPath}: run the tests with UPDATE_SNAPSHOTS=1 and commit the file after review.");
        var expectedText = File.ReadAllText(snapshotPath);
        if (expectedText == actualText)
        {
            return;
        }

        var mismatchPath = Path.Combine(RepositoryFiles.TestProjectDirectory, "Snapshots", "__mismatch__", $"{name}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(mismatchPath)!);
        File.WriteAllText(mismatchPath, actualText);
        Assert.Fail($"Template '{name}' differs from its snapshot at {FirstDifference(expectedText, actualText)}. " +
            $"Actual output: {mismatchPath}. If the change is intended, rerun with UPDATE_SNAPSHOTS=1 and review the diff.");
    }

    /// <summary>The snapshot text of a template: embedded documents expanded, asset hashes scrubbed.</summary>
    public static string Render(JsonNode template) => Scrub(EmbeddedJson.Expand(template)!.ToJsonString(Indented)) + "\n";

    /// <summary>Asset hashes change with every CDK or handler upgrade; the snapshot records where assets are used, not their bytes.</summary>
    public static string Scrub(string json) => AssetHash().Replace(json, "[asset-hash]");

    public static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var index = 0; index < Math.Max(expectedLines.Length, actualLines.Length); index++)
        {
            var expectedLine = index < expectedLines.Length ? expectedLines[index] : "<end>";
            var actualLine = index < actualLines.Length ? actualLines[index] : "<end>";
            if (expectedLine != actualLine)
            {
                return $"line {index + 1}: expected `{expectedLine.Trim()}`, got `{actualLine.Trim()}`";
            }
        }

        return "an unknown line";
    }

    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex AssetHash();
}
