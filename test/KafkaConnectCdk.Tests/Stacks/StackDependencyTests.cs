using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class StackDependencyTests(SynthesizedPlatform platform)
{
    [Fact]
    public void The_data_plane_depends_on_the_network_only_so_it_deploys_in_parallel()
    {
        var stacks = platform.Environment("prod");
        var dataPlane = new Amazon.CDK.Stack[] { stacks.Msk, stacks.Database, stacks.SchemaRegistry! };

        Assert.Equal([stacks.Network.StackName], stacks.Msk.Dependencies.Select(stack => stack.StackName));
        Assert.Equal([stacks.Network.StackName], stacks.Database.Dependencies.Select(stack => stack.StackName));
        Assert.Empty(stacks.SchemaRegistry!.Dependencies);
        Assert.All(dataPlane, stack => Assert.DoesNotContain(stack.Dependencies, dependency => dataPlane.Contains(dependency)));
    }
}
