using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.JSII.Runtime.Deputy;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Constructs.Shared;

/// <summary>
/// Lambda code from a C# project of this repository, published for linux-arm64 on the machine that synthesizes
/// (`dotnet publish`, no Docker). The asset hash covers the project, every project it references and the repository's
/// build settings and package versions, so unchanged code never redeploys and a change to a shared library always does.
/// </summary>
public static class DotnetLambdaCode
{
    /// <summary>Repository files that change what every project builds.</summary>
    public static readonly IReadOnlyList<string> BuildInputs = ["Directory.Build.props", "Directory.Packages.props", "global.json", "nuget.config"];

    public static Code FromProject(string projectDirectory)
    {
        var sources = RepositoryPaths.Of(projectDirectory);
        return Code.FromAsset(sources, new Amazon.CDK.AWS.S3.Assets.AssetOptions
        {
            AssetHashType = AssetHashType.CUSTOM,
            AssetHash = SourceHash(sources),
            Exclude = ["bin", "obj"],
            Bundling = new BundlingOptions
            {
                // Only used where the local publish is impossible; the local path needs just the .NET SDK.
                Image = DockerImage.FromRegistry(Versions.DotnetSdkImage),
                Command = ["bash", "-c", "dotnet publish -c Release -r linux-arm64 --self-contained false -o /asset-output"],
                Local = new LocalPublish(sources),
            },
        });
    }

    /// <summary>The project's directory and those of the projects it references, directly or not.</summary>
    public static IReadOnlyList<string> ProjectClosure(string projectDirectory)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(projectDirectory)]);
        while (pending.TryPop(out var directory))
        {
            if (!found.Add(directory))
            {
                continue;
            }

            foreach (var project in Directory.EnumerateFiles(directory, "*.csproj"))
            {
                foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
                {
                    var include = ((string?)reference.Attribute("Include") ?? "").Replace('\\', '/');
                    pending.Push(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(directory, include)))!);
                }
            }
        }

        return [.. found];
    }

    /// <summary>SHA-256 over the relative path and content of every source file of the closure and the build inputs.</summary>
    public static string SourceHash(string projectDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var root = RepositoryPaths.Root;
        var files = ProjectClosure(projectDirectory)
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            .Where(file => !Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Concat(BuildInputs.Select(input => Path.Combine(root, input)).Where(File.Exists))
            .Select(file => (Relative: Path.GetRelativePath(root, file).Replace('\\', '/'), Full: file))
            .OrderBy(file => file.Relative, StringComparer.Ordinal);
        foreach (var (relative, full) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0"));
            hash.AppendData(File.ReadAllBytes(full));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private sealed class LocalPublish(string projectDirectory) : DeputyBase, ILocalBundling
    {
        public bool TryBundle(string outputDir, IBundlingOptions options)
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", ["publish", projectDirectory, "-c", "Release", "-r", "linux-arm64", "--self-contained", "false", "--nologo", "-v", "quiet", "-o", outputDir])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0
                ? true
                : throw new InvalidOperationException($"dotnet publish {projectDirectory} failed:{System.Environment.NewLine}{output}");
        }
    }
}
