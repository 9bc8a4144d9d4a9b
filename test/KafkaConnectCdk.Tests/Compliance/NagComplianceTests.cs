using Amazon.CDK.Assertions;
using Amazon.CDK.CXAPI;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Compliance;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Nag")]
public sealed class NagComplianceTests(SynthesizedPlatform platform)
{
    [Fact]
    public void Every_stack_has_no_unsuppressed_aws_solutions_error()
    {
        var errors = platform.AllStacks
            .SelectMany(stack => Annotations.FromStack(stack).FindError("*", Match.StringLikeRegexp("AwsSolutions-.*")))
            .Select(Describe)
            .ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Every_stack_has_no_unsuppressed_aws_solutions_warning()
    {
        var warnings = platform.AllStacks
            .SelectMany(stack => Annotations.FromStack(stack).FindWarning("*", Match.StringLikeRegexp("AwsSolutions-.*")))
            .Select(Describe)
            .ToList();

        Assert.Empty(warnings);
    }

    // jsii marks the members of ISynthesisMessage obsolete (the cx-api types are deprecated in favour of the
    // assertions module), but they are the only way to read what a finding says.
#pragma warning disable CS0612, CS0618
    private static string Describe(ISynthesisMessage message) => $"{message.Id}: {message.Entry.Data}";
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
