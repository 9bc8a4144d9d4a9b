using System.Diagnostics;
using System.Text.RegularExpressions;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Delivery;

/// <summary>
/// docs/architecture.svg, shown on the README's front page, is drawn by scripts/architecture.mjs from the synthesized
/// app; the committed picture and its DOT source must be what the current app draws.
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed partial class ArchitectureDiagramTests(SynthesizedPlatform platform)
{
    private const string Stage = "dev";
    private static readonly Lock Gate = new();
    private static (string Dot, string Svg)? drawn;

    private (string Dot, string Svg) Drawn()
    {
        lock (Gate)
        {
            drawn ??= Draw(platform.Assembly.Directory);
            return drawn.Value;
        }
    }

    private static (string Dot, string Svg) Draw(string assemblyDirectory)
    {
        var output = Directory.CreateTempSubdirectory("kcc-architecture-").FullName;
        try
        {
            var (status, log) = RunGenerator(assemblyDirectory, output);
            Assert.True(status == 0, $"scripts/architecture.mjs exited {status}: {log}");
            return (File.ReadAllText(Path.Combine(output, "architecture.dot")), File.ReadAllText(Path.Combine(output, "architecture.svg")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static (int Status, string Output) RunGenerator(string assemblyDirectory, string outputDirectory)
    {
        var local = RepositoryFiles.PathOf("node_modules", ".bin", "node");
        var start = new ProcessStartInfo(File.Exists(local) ? local : "node", [RepositoryFiles.PathOf("scripts", "architecture.mjs"), assemblyDirectory, outputDirectory, Stage])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.Root,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void The_committed_dot_source_is_what_the_current_app_draws() =>
        Assert.True(Drawn().Dot == RepositoryFiles.Read("docs", "architecture.dot"),
            "docs/architecture.dot differs from the synthesized app's picture: run scripts/architecture.sh (after bash scripts/synth.sh) and commit docs/architecture.dot and docs/architecture.svg");

    [Fact]
    public void The_committed_svg_is_rendered_from_that_source() =>
        Assert.True(Drawn().Svg == RepositoryFiles.Read("docs", "architecture.svg"),
            "docs/architecture.svg is not the rendering of the current app's picture: run scripts/architecture.sh (after bash scripts/synth.sh) and commit docs/architecture.svg");

    /// <summary>The expectation comes from the cloud assembly's own API (CloudAssembly.Stacks, Dependencies), not from the generator.</summary>
    [Fact]
    public void Every_stack_of_the_stage_and_every_dependency_between_them_is_drawn()
    {
        var stageStacks = platform.Assembly.Stacks.Where(stack => stack.DisplayName.StartsWith($"kcc/{Stage}/", StringComparison.Ordinal)).ToList();
        var names = stageStacks.Select(stack => stack.StackName).ToHashSet();
        var dot = Drawn().Dot;

        Assert.NotEmpty(stageStacks);
        Assert.Equal(names.Order(), ClusterLabel().Matches(dot).Select(match => match.Groups[1].Value).Order());
        var dependencies = stageStacks
            .SelectMany(stack => stack.Dependencies.OfType<Amazon.CDK.CXAPI.CloudFormationStackArtifact>().Where(dependency => names.Contains(dependency.StackName)).Select(dependency => $"{dependency.StackName} -> {stack.StackName}"))
            .Order()
            .ToList();
        Assert.NotEmpty(dependencies);
        Assert.Equal(dependencies, Edge().Matches(dot).Select(match => $"{match.Groups[1].Value} -> {match.Groups[2].Value}").Order());
    }

    [Fact]
    public void The_picture_names_no_machine_path()
    {
        var dot = Drawn().Dot;

        Assert.DoesNotContain(platform.Assembly.Directory, dot, StringComparison.Ordinal);
        Assert.DoesNotContain(RepositoryFiles.Root, dot, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), Drawn().Svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_synthesized_app_the_generator_says_to_synthesize_first()
    {
        var empty = Directory.CreateTempSubdirectory("kcc-no-assembly-").FullName;
        try
        {
            var (status, output) = RunGenerator(empty, empty);

            Assert.Equal(1, status);
            Assert.Contains("tree.json not found; synthesize the app first (bash scripts/synth.sh)", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [GeneratedRegex(@"^\s*label=""(kcc-[^""]+)"";", RegexOptions.Multiline)]
    private static partial Regex ClusterLabel();

    [GeneratedRegex(@"^\s*""([^""/]+)/[^""]+"" -> ""([^""/]+)/[^""]+""", RegexOptions.Multiline)]
    private static partial Regex Edge();
}
