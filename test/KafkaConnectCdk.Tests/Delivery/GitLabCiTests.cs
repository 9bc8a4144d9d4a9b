using System.Text.RegularExpressions;
using KafkaConnectCdk.Tests.TestKit;
using YamlDotNet.RepresentationModel;

namespace KafkaConnectCdk.Tests.Delivery;

/// <summary>.gitlab-ci.yml runs what a developer runs: every command of every job is a documented command (README.md, docs/).</summary>
[Trait("Category", "Unit")]
public sealed partial class GitLabCiTests
{
    private static readonly YamlMappingNode Pipeline = Load();

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(RepositoryFiles.Read(".gitlab-ci.yml")));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static readonly string[] Keywords = ["workflow", "default", "variables", "stages", "include", "image", "cache", "before_script"];

    private static IEnumerable<(string Name, YamlMappingNode Job)> Jobs =>
        Pipeline.Children
            .Where(pair => !Keywords.Contains(((YamlScalarNode)pair.Key).Value) && !((YamlScalarNode)pair.Key).Value!.StartsWith('.'))
            .Select(pair => (((YamlScalarNode)pair.Key).Value!, (YamlMappingNode)pair.Value));

    private static IEnumerable<string> Lines(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlSequenceNode)value).Children.Select(line => ((YamlScalarNode)line).Value!) : [];

    /// <summary>Every line of the bash code blocks of the README and of docs/.</summary>
    private static readonly IReadOnlySet<string> DocumentedCommands = new[] { RepositoryFiles.PathOf("README.md") }
        .Concat(Directory.GetFiles(RepositoryFiles.PathOf("docs"), "*.md"))
        .SelectMany(file => CodeBlock().Matches(File.ReadAllText(file)))
        .SelectMany(match => match.Groups[1].Value.Split('\n'))
        .Select(line => line.Split(" #")[0].Trim())
        .Where(line => line.Length > 0)
        .ToHashSet();

    [Fact]
    public void The_stages_are_build_test_and_synth() =>
        Assert.Equal(["build", "test", "synth"], ((YamlSequenceNode)Pipeline["stages"]).Children.Select(stage => ((YamlScalarNode)stage).Value));

    private static IEnumerable<string> AllCommands => Jobs.SelectMany(job => Lines(job.Job, "script").Concat(Lines(job.Job, "before_script")))
        .Concat(Lines((YamlMappingNode)Pipeline["default"], "before_script"));

    [Fact]
    public void Every_job_command_is_a_documented_command()
    {
        var commands = AllCommands.ToList();

        Assert.NotEmpty(commands);
        Assert.All(commands, command => Assert.Contains(command, DocumentedCommands));
    }

    [Theory]
    [InlineData("test", "bash scripts/test.sh")]
    [InlineData("synth", "bash scripts/synth.sh")]
    public void The_main_jobs_run_the_two_readme_commands(string job, string command)
    {
        Assert.Contains(command, Lines(Jobs.Single(candidate => candidate.Name == job).Job, "script"));
        Assert.Contains(command, CodeBlock().Matches(RepositoryFiles.Read("README.md")).SelectMany(match => match.Groups[1].Value.Split('\n')).Select(line => line.Split(" #")[0].Trim()));
    }

    [Fact]
    public void Test_results_and_cdk_out_are_kept_as_artifacts()
    {
        var test = Jobs.Single(job => job.Name == "test").Job;
        var synth = Jobs.Single(job => job.Name == "synth").Job;

        Assert.Equal("artifacts/test-results/*.junit.xml", ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)test["artifacts"])["reports"])["junit"]).Value);
        Assert.Contains("cdk.out", ((YamlSequenceNode)((YamlMappingNode)synth["artifacts"])["paths"]).Children.Select(path => ((YamlScalarNode)path).Value));
    }

    /// <summary>
    /// The jobs run in the .NET SDK image, which has no Docker CLI or engine; `cdk deploy` would stop at the Connect image
    /// asset ("Failed to find and execute 'docker' while attempting to build a container asset", aws-cdk CLI
    /// lib/index.js). Environments are deployed by the CDK pipeline; workstations by scripts/deploy.sh.
    /// </summary>
    [Fact]
    public void No_job_deploys_because_no_job_has_docker()
    {
        Assert.DoesNotContain(AllCommands, command => command.Contains("cdk deploy", StringComparison.Ordinal) || command.Contains("scripts/deploy.sh", StringComparison.Ordinal));
        Assert.Equal(Versions.DotnetSdkImage, ((YamlScalarNode)((YamlMappingNode)Pipeline["default"])["image"]).Value);
        Assert.DoesNotContain(Jobs, job => job.Job.Children.ContainsKey(new YamlScalarNode("services")));
    }

    /// <summary>A checkout may not keep the executable bit: every script a job runs is called through bash.</summary>
    [Fact]
    public void Every_script_a_job_runs_is_called_through_bash()
    {
        var scripts = AllCommands.Where(command => command.Contains("scripts/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(scripts);
        Assert.All(scripts, command => Assert.Matches(@"^bash scripts/[\w-]+\.sh( |$)", command));
    }

    [Fact]
    public void Merge_requests_run_the_pipeline() =>
        Assert.Contains("merge_request_event", RepositoryFiles.Read(".gitlab-ci.yml"), StringComparison.Ordinal);

    [GeneratedRegex("```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
