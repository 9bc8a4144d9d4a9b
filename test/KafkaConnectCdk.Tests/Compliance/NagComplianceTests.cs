using KafkaConnectCdk.Compliance;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Compliance;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Nag")]
public sealed class NagComplianceTests(SynthesizedPlatform platform)
{
    /// <summary>
    /// No annotation at error or warning level on any stack: no unsuppressed AwsSolutions finding (errors and warnings
    /// alike; a nested stack's annotations land in its parent's metadata, aws-cdk-lib core/lib/stack-synthesizers/_shared.js
    /// collectStackMetadata) and no aws-cdk-lib warning on a construct inside these stacks (annotations on the App itself
    /// belong to no stack artifact and are not read).
    /// </summary>
    [Fact]
    public void Every_stack_has_no_error_or_warning() =>
        Assert.Empty(platform.AllStacks.SelectMany(stack => AssemblyMessages.ErrorsAndWarnings(platform.Assembly.Directory, stack.ArtifactId)));

    [Fact]
    public void Every_stack_is_checked_by_cdk_nag()
    {
        var reports = Directory.GetFiles(platform.Assembly.Directory, "AwsSolutions-*-NagReport.csv").Select(Path.GetFileName).ToList();

        Assert.All(platform.AllStacks, stack => Assert.Contains(reports, report => report!.EndsWith($"-{stack.StackName}-NagReport.csv", StringComparison.Ordinal)));
    }

    /// <summary>Each suppression in a template, nested stacks included, is a named value: its reason is one given for its rule.</summary>
    [Fact]
    public void Every_suppression_in_a_template_is_a_named_suppression_of_its_rule()
    {
        var suppressions = NagReports.AllSuppressions(platform.Assembly.Directory);

        Assert.NotEmpty(suppressions);
        Assert.All(suppressions, suppression => Assert.True(
            NagSuppression.All.Values.Any(named => named.RuleId == suppression.RuleId && named.Reason == suppression.Reason),
            $"{suppression.Template} {suppression.LogicalId}: {suppression.RuleId} '{suppression.Reason}' is not a NagSuppression value"));
    }

    /// <summary>
    /// A suppression that answers no finding is a reason given for a rule that does not fire there (e.g. AwsSolutions-EC23
    /// is about inbound 0.0.0.0/0 only, lib/rules/ec2/EC2RestrictedInbound.js): the reports must show each named value answering a finding somewhere (per value, not per resource it is applied to).
    /// </summary>
    [Fact]
    public void Every_suppression_in_a_template_answers_a_finding_of_its_rule()
    {
        var lines = NagReports.Lines(platform.Assembly.Directory);
        var unused = NagReports.AllSuppressions(platform.Assembly.Directory)
            .DistinctBy(suppression => (suppression.RuleId, suppression.Reason))
            .Where(suppression => !lines.Any(line => line.IsSuppressedBy(suppression)))
            .Select(suppression => $"{suppression.Template} {suppression.LogicalId}: {suppression.RuleId} {suppression.Reason}");

        Assert.Empty(unused);
    }
}
