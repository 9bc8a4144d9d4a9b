using System.Diagnostics;
using System.Text.RegularExpressions;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Delivery;

/// <summary>The repository's scripts: how they call each other, and the workstation deployment's preflight.</summary>
[Trait("Category", "Unit")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class ScriptTests
{
    private static IEnumerable<string> ScriptFiles =>
        [.. Directory.GetFiles(RepositoryFiles.PathOf("scripts"), "*.sh").Order(), RepositoryFiles.PathOf(".ci", "run")];

    /// <summary>
    /// A source artifact or a checkout may drop the executable bit (the pipeline's source comes through CodeConnections):
    /// a script that starts another one runs it through bash, never by its path.
    /// </summary>
    [Fact]
    public void Scripts_start_other_scripts_through_bash()
    {
        var calls = ScriptFiles
            .SelectMany(file => File.ReadAllLines(file).Select(line => (File: Path.GetFileName(file), Line: line.Trim())))
            .Where(entry => !entry.Line.StartsWith('#') && !entry.Line.StartsWith("echo", StringComparison.Ordinal) && !entry.Line.StartsWith("*)", StringComparison.Ordinal))
            .SelectMany(entry => ScriptCall().Matches(entry.Line).Select(match => (entry.File, Call: match.Value)))
            .ToList();

        Assert.True(calls.Count >= 6, $"expected the set-up, MariaDB and synth calls, found {calls.Count}");
        Assert.All(calls, call => Assert.StartsWith("bash ", call.Call.TrimStart('\'', '"'), StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_without_a_docker_cli_stops_at_once_and_says_what_to_install()
    {
        var (status, output) = Deploy(["--check"], docker: "/nonexistent/docker");

        Assert.Equal(1, status);
        Assert.Contains("no Docker CLI", output, StringComparison.Ordinal);
        Assert.Contains("install Docker Engine 23+ or Docker Desktop", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_without_a_reachable_engine_stops_and_names_the_engine()
    {
        using var docker = new FakeDocker(info: "echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock' >&2; exit 1", buildx: "echo v0.17.1");

        var (status, output) = Deploy(["--check"], docker.Path);

        Assert.Equal(1, status);
        Assert.Contains("cannot reach a Docker engine: Cannot connect to the Docker daemon", output, StringComparison.Ordinal);
        Assert.Contains("start the engine", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_without_buildkit_stops_and_names_the_buildx_plugin()
    {
        using var docker = new FakeDocker(info: "echo '24.0.7 linux/x86_64'", buildx: "echo \"docker: 'buildx' is not a docker command.\" >&2; exit 1");

        var (status, output) = Deploy(["--check"], docker.Path);

        Assert.Equal(1, status);
        Assert.Contains("BuildKit is not available", output, StringComparison.Ordinal);
        Assert.Contains("install the Docker buildx plugin", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_refuses_the_legacy_builder()
    {
        using var docker = new FakeDocker(info: "echo '27.3.1 linux/x86_64'", buildx: "echo v0.17.1");

        var (status, output) = Deploy(["--check"], docker.Path, ("DOCKER_BUILDKIT", "0"));

        Assert.Equal(1, status);
        Assert.Contains("DOCKER_BUILDKIT=0 selects the legacy builder", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_x86_64_engine_with_buildkit_and_no_emulation_passes_the_check()
    {
        using var docker = new FakeDocker(info: "echo '27.3.1 linux/x86_64'", buildx: "if [ \"$2\" = version ]; then echo 'github.com/docker/buildx v0.17.1'; else printf 'Name: default\\nPlatforms: linux/amd64, linux/amd64/v2\\n'; fi");

        var (status, output) = Deploy(["--check"], docker.Path);

        Assert.Equal(0, status);
        Assert.Contains("builder platforms: linux/amd64, linux/amd64/v2", output, StringComparison.Ordinal);
        Assert.Contains("this machine can build the Connect image", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_needs_an_environment_name()
    {
        var (status, output) = Deploy([], docker: "/nonexistent/docker");

        Assert.Equal(2, status);
        Assert.Contains("usage: bash scripts/deploy.sh <environment>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploying_an_environment_runs_the_preflight_before_synth()
    {
        var (status, output) = Deploy(["dev"], docker: "/nonexistent/docker");

        Assert.Equal(1, status);
        Assert.Contains("no Docker CLI", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[setup]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[synth]", output, StringComparison.Ordinal);
    }

    private static (int Status, string Output) Deploy(string[] arguments, string docker, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryFiles.PathOf("scripts", "deploy.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CDK_DOCKER"] = docker;
        start.Environment.Remove("DOCKER_BUILDKIT");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("scripts/deploy.sh did not finish its checks within 60 s");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>A stand-in for the Docker CLI (CDK_DOCKER), answering `info` and `buildx ...` with the given shell code.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private sealed class FakeDocker : IDisposable
    {
        private readonly string directory = Directory.CreateTempSubdirectory("kcc-docker-").FullName;

        public FakeDocker(string info, string buildx)
        {
            Path = System.IO.Path.Combine(directory, "docker");
            File.WriteAllText(Path, $"#!/bin/sh\ncase \"$1\" in\n  info) {info} ;;\n  buildx) {buildx} ;;\n  *) exit 64 ;;\nesac\n");
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(directory, recursive: true);
    }

    [GeneratedRegex(@"(\S+\s+)?""?\S*scripts/[\w.-]+\.sh")]
    private static partial Regex ScriptCall();
}
