using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Stacks;

namespace KafkaConnectCdk.Platform;

/// <summary>
/// Every stack of one environment, wired together. The direct app builds it at the top level (so that
/// <c>cdk deploy --all</c> selects it) and the pipeline builds it inside a Stage: both deploy the same stacks.
/// </summary>
public sealed class PlatformStacks
{
    private PlatformStacks(NetworkStack network) => Network = network;

    /// <summary>The components every environment has; each is one stack named <c>project-environment-component</c>.</summary>
    public static readonly IReadOnlyList<string> Components = [NetworkStack.Component];

    public NetworkStack Network { get; }

    /// <summary>Every stack of the environment, in dependency order.</summary>
    public IReadOnlyList<PlatformStack> All => [Network];

    public static PlatformStacks Build(Construct scope, EnvironmentIdentity identity)
    {
        var network = new NetworkStack(scope, new NetworkStackProps
        {
            Identity = identity,
            Network = identity.Environment.Network,
        });

        return new PlatformStacks(network);
    }
}
