using Amazon.CDK;
using Constructs;
using KafkaConnectCdk.Compliance;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Stages;

public sealed class PlatformStageProps : StageProps
{
    public required EnvironmentIdentity Identity { get; init; }

    public required EnvironmentConfig Environment { get; init; }
}

/// <summary>One environment's platform as a pipeline stage: the same stacks `cdk deploy --all` deploys directly.</summary>
public sealed class PlatformStage : Stage
{
    public PlatformStage(Construct scope, string id, PlatformStageProps props) : base(scope, id, props)
    {
        // Aspects of the app do not reach into stages: each stage runs the checks itself.
        NagCompliance.Apply(this);
        Stacks = PlatformStacks.Build(this, props.Identity, props.Environment);
    }

    public PlatformStacks Stacks { get; }
}
