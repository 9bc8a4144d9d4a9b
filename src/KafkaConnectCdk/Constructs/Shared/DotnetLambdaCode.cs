using System.Diagnostics;
using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.JSII.Runtime.Deputy;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Constructs.Shared;

/// <summary>
/// Lambda code from a C# project of this repository, published for linux-arm64 on the machine that synthesizes
/// (`dotnet publish`, no Docker). Asset hashes come from the sources, so unchanged code never redeploys.
/// </summary>
public static class DotnetLambdaCode
{
    public static Code FromProject(string projectDirectory)
    {
        var sources = RepositoryPaths.Of(projectDirectory);
        return Code.FromAsset(sources, new Amazon.CDK.AWS.S3.Assets.AssetOptions
        {
            AssetHashType = AssetHashType.SOURCE,
            Exclude = ["bin", "obj"],
            Bundling = new BundlingOptions
            {
                // Only used where the local publish is impossible; the local path needs just the .NET SDK.
                Image = DockerImage.FromRegistry("mcr.microsoft.com/dotnet/sdk:10.0"),
                Command = ["bash", "-c", "dotnet publish -c Release -r linux-arm64 --self-contained false -o /asset-output"],
                Local = new LocalPublish(sources),
            },
        });
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
