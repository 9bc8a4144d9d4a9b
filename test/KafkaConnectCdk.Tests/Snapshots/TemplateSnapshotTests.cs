using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Snapshots;

/// <summary>One snapshot per synthesized stack: these catch drift; the fine-grained tests state intent.</summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Snapshot")]
public sealed class TemplateSnapshotTests(SynthesizedPlatform platform)
{
    public static TheoryData<string> StackNames() => [.. ExpectedStackNames()];

    private static IEnumerable<string> ExpectedStackNames()
    {
        var configuration = KafkaConnectCdk.Configuration.PlatformConfigLoader.FromJson(CdkContext.PlatformJson());
        foreach (var environment in configuration.Platform.Environments)
        {
            foreach (var component in KafkaConnectCdk.Platform.PlatformStacks.Components)
            {
                yield return $"{configuration.Platform.Project}-{environment.Name}-{component}";
            }
        }
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Template_matches_its_snapshot(string stackName)
    {
        var stack = platform.AllStacks.Single(candidate => candidate.StackName == stackName);

        Snapshot.Matches(stackName, platform.TemplateJsonOf(stack));
    }

    [Fact]
    public void Every_stack_has_a_snapshot_test() =>
        Assert.Equal(
            platform.AllStacks.Select(stack => stack.StackName).Order(),
            ExpectedStackNames().Order());
}
