using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Toolchain;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class ToolchainTests(SynthesizedPlatform platform)
{
    /// <summary>npm packages turned into .NET packages by scripts/setup.sh, and their NuGet ids.</summary>
    public static TheoryData<string, string> GeneratedPackages => new()
    {
        { "constructs", "Constructs" },
        { "@aws-cdk/asset-awscli-v1", "Amazon.CDK.Asset.AwsCliV1" },
        { "cdk-nag", "Cdklabs.CdkNag" },
        { "@aws-cdk/lambda-layer-kubectl-v35", "Amazon.CDK.LambdaLayer.KubectlV35" },
    };

    [Theory]
    [MemberData(nameof(GeneratedPackages))]
    public void Generated_package_versions_equal_their_npm_pins(string npmPackage, string nugetId)
    {
        var npmVersion = (string?)JsonNode.Parse(RepositoryFiles.Read("package.json"))!["devDependencies"]![npmPackage];
        var nugetVersion = XDocument.Load(RepositoryFiles.PathOf("Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Single(element => (string?)element.Attribute("Include") == nugetId)
            .Attribute("Version")?.Value;

        Assert.NotNull(npmVersion);
        Assert.Equal(npmVersion, nugetVersion);
    }

    [Fact]
    public void Npm_dependencies_are_pinned_to_exact_versions()
    {
        var dependencies = JsonNode.Parse(RepositoryFiles.Read("package.json"))!["devDependencies"]!.AsObject();

        Assert.All(dependencies, dependency => Assert.Matches(@"^\d+\.\d+\.\d+$", (string?)dependency.Value));
    }

    [Fact]
    public void The_cdk_cli_comes_from_the_2_1148_line()
    {
        var cli = (string?)JsonNode.Parse(RepositoryFiles.Read("package.json"))!["devDependencies"]!["aws-cdk"];

        Assert.StartsWith("2.1148.", cli, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_feature_flag_of_the_library_is_configured_in_cdk_json()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(platform.Assembly.Directory, "manifest.json")));
        var report = manifest.RootElement.GetProperty("artifacts").EnumerateObject()
            .Single(artifact => artifact.Value.GetProperty("type").GetString() == "cdk:feature-flag-report");
        var unconfigured = report.Value.GetProperty("properties").GetProperty("flags").EnumerateObject()
            .Where(flag => flag.Value.TryGetProperty("recommendedValue", out _) && !flag.Value.TryGetProperty("userValue", out _))
            .Select(flag => flag.Name)
            .ToList();

        Assert.Empty(unconfigured);
    }
}
