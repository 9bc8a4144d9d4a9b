using Amazon.CDK.Assertions;
using Amazon.CDK.CXAPI;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Compliance;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Nag")]
public sealed class NagComplianceTests(SynthesizedPlatform platform)
{
    // jsii marks SynthesisMessageLevel and the members of ISynthesisMessage obsolete (the cx-api types moved to
    // @aws-cdk/cloud-assembly-api), but they are the only way to read what a finding in the cloud assembly says.
#pragma warning disable CS0612, CS0618
    [Fact]
    public void Every_stack_has_no_unsuppressed_aws_solutions_error() =>
        Assert.Empty(NagFindings(SynthesisMessageLevel.ERROR));

    [Fact]
    public void Every_stack_has_no_unsuppressed_aws_solutions_warning() =>
        Assert.Empty(NagFindings(SynthesisMessageLevel.WARNING));

    /// <summary>
    /// The findings recorded in the shared synthesis's cloud assembly. Not Annotations.FromStack: it re-synthesizes the
    /// whole app for every stack (aws-cdk-lib assertions/lib/annotations.js toMessages: root.synth({force: true})),
    /// policy validation included.
    /// </summary>
    private List<string> NagFindings(SynthesisMessageLevel level) =>
        [.. platform.AllStacks
            .SelectMany(stack => platform.Assembly.GetStackArtifact(stack.ArtifactId).Messages)
            .Where(message => message.Level == level && (message.Entry.Data?.ToString() ?? "").Contains("AwsSolutions-", StringComparison.Ordinal))
            .Select(message => $"{message.Id}: {message.Entry.Data}")];
#pragma warning restore CS0612, CS0618

    [Fact]
    public void Every_stack_is_checked_by_cdk_nag()
    {
        var reports = Directory.GetFiles(platform.Assembly.Directory, "AwsSolutions-*-NagReport.csv").Select(Path.GetFileName).ToList();

        Assert.All(platform.AllStacks, stack => Assert.Contains(reports, report => report!.EndsWith($"-{stack.StackName}-NagReport.csv", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_suppression_gives_a_specific_reason()
    {
        foreach (var stack in platform.AllStacks)
        {
            var template = platform.TemplateJsonOf(stack);
            var suppressions = template["Resources"]!.AsObject()
                .SelectMany(resource => resource.Value!["Metadata"]?["cdk_nag"]?["rules_to_suppress"]?.AsArray() ?? [])
                .ToList();
            Assert.All(suppressions, suppression =>
            {
                Assert.StartsWith("AwsSolutions-", (string?)suppression!["id"], StringComparison.Ordinal);
                Assert.True(((string?)suppression["reason"])?.Length >= 40, $"{stack.StackName}: suppression {suppression["id"]} needs a specific reason");
            });
        }
    }
}
