using Amazon.CDK;
using Amazon.CDK.AWS.CodeBuild;
using Amazon.CDK.AWS.CodePipeline;
using Amazon.CDK.Pipelines;
using Cdklabs.CdkNag;
using Constructs;
using KafkaConnectCdk.Compliance;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Platform;
using KafkaConnectCdk.Stages;

namespace KafkaConnectCdk.Stacks;

public sealed class PipelineStackProps : StackProps
{
    public required PlatformConfig Platform { get; init; }

    public required PipelineConfig Pipeline { get; init; }

    /// <summary>The CDK CLI version the pipeline runs: the one pinned in package.json.</summary>
    public required string CliVersion { get; init; }
}

/// <summary>
/// The self-mutating delivery pipeline in the tooling account: source from GitLab through CodeConnections, the
/// README's commands as the synth step, then one PlatformStage per environment in promotion order, production behind
/// a manual approval, each followed by a check that the deployed Connect cluster is ready.
/// </summary>
public sealed class PipelineStack : Stack
{
    public const string SynthImage = Versions.DotnetSdkImage;

    /// <summary>
    /// The image of the asset-publishing projects: CodeBuild's x86_64 standard 7.0, CDK Pipelines' own default
    /// (aws-cdk-lib 2.277 pipelines/lib/private/default-codebuild-image.js), named here so that a CDK upgrade cannot
    /// switch the image family unnoticed. AWS updates the image under the same tag: its Docker has been 23.0.6 and is
    /// 28.5.2 with the buildx 0.32 plugin since April 2026 (aws/aws-codebuild-docker-images ubuntu/standard/7.0/Dockerfile,
    /// DOCKER_VERSION); every Docker Engine from 23 on builds with BuildKit. The arm64 Connect image needs no arm64
    /// host: its Dockerfile runs everything on $BUILDPLATFORM.
    /// </summary>
    public static readonly IBuildImage AssetPublishingImage = LinuxBuildImage.STANDARD_7_0;

    /// <summary>BuildKit explicitly, for `FROM --platform=$BUILDPLATFORM` (the legacy builder does not set it).</summary>
    public static readonly IReadOnlyDictionary<string, string> AssetPublishingEnvironment = new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "1" };

    /// <summary>
    /// The same commands a developer runs (README.md), so that a green pipeline means what a green laptop means. Called
    /// through bash: a source artifact may not keep the executable bit.
    /// </summary>
    public static readonly IReadOnlyList<string> SynthCommands = ["bash scripts/test.sh", $"bash scripts/synth.sh -c {DeliveryModes.ContextKey}={DeliveryModes.Pipeline}"];

    public const string VerifyCommand = "bash scripts/verify-deployment.sh";

    public static readonly IReadOnlyList<string> InstallCommands =
        ["apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm"];

    public PipelineStack(Construct scope, PipelineStackProps props)
        : base(scope, props.Platform.Project, WithEnvironment(props))
    {
        var source = CodePipelineSource.Connection(props.Pipeline.Repository, props.Pipeline.Branch, new ConnectionSourceOptions
        {
            ConnectionArn = props.Pipeline.ConnectionArn,
            TriggerOnPush = true,
        });

        Pipeline = new CodePipeline(this, "Pipeline", new CodePipelineProps
        {
            PipelineName = $"{props.Platform.Project}-platform",
            PipelineType = PipelineType.V2,
            CrossAccountKeys = true,
            EnableKeyRotation = true,
            SelfMutation = true,
            // One CodeBuild project for all assets instead of one per asset (aws/aws-cdk#23016).
            PublishAssetsInParallel = false,
            CliVersion = props.CliVersion,
            Synth = new ShellStep("Synth", new ShellStepProps
            {
                Input = source,
                InstallCommands = [.. InstallCommands],
                Commands = [.. SynthCommands],
                PrimaryOutputDirectory = "cdk.out",
            }),
            // Docker asset projects are privileged already (CDK Pipelines sets it for DOCKER_IMAGE assets).
            AssetPublishingCodeBuildDefaults = new CodeBuildOptions
            {
                BuildEnvironment = new BuildEnvironment
                {
                    BuildImage = AssetPublishingImage,
                    EnvironmentVariables = AssetPublishingEnvironment.ToDictionary(
                        pair => pair.Key, pair => (IBuildEnvironmentVariable)new BuildEnvironmentVariable { Value = pair.Value }),
                },
            },
            SynthCodeBuildDefaults = new CodeBuildOptions
            {
                BuildEnvironment = new BuildEnvironment
                {
                    BuildImage = LinuxBuildImage.FromDockerRegistry(SynthImage),
                    ComputeType = ComputeType.MEDIUM,
                },
            },
        });

        foreach (var environment in props.Platform.Environments)
        {
            var identity = EnvironmentIdentity.Of(props.Platform.Project, environment);
            var stage = new PlatformStage(this, environment.Name, new PlatformStageProps { Identity = identity, Environment = environment, Env = identity.AwsEnvironment });
            Stages.Add(stage);
            Pipeline.AddStage(stage, new AddStageOpts
            {
                Pre = environment.Production
                    ? [new ManualApprovalStep($"Approve-{environment.Name}", new ManualApprovalStepProps { Comment = $"Promote to {environment.Name} ({environment.Account})?" })]
                    : [],
                Post = [VerificationStep(source, stage)],
            });
        }

        Pipeline.BuildPipeline();
        SuppressNagFindings();
    }

    public CodePipeline Pipeline { get; }

    public List<PlatformStage> Stages { get; } = [];

    /// <summary>Reads the stage's outputs and fails unless the Connect cluster is ready and every connector runs.</summary>
    private static ShellStep VerificationStep(CodePipelineSource source, PlatformStage stage) =>
        new($"Verify-{stage.StageName}", new ShellStepProps
        {
            Input = source,
            EnvFromCfnOutputs = new Dictionary<string, CfnOutput>
            {
                ["CONNECT_READY"] = stage.Stacks.Connect.ConnectReadyOutput,
                ["CONNECTOR_STATES"] = stage.Stacks.Connect.ConnectorStatesOutput,
            },
            Commands = [VerifyCommand],
        });

    private static PipelineStackProps WithEnvironment(PipelineStackProps props)
    {
        props.Env = new Amazon.CDK.Environment { Account = props.Pipeline.Account, Region = props.Pipeline.Region };
        props.StackName = $"{props.Platform.Project}-pipeline";
        props.Description = "KafkaConnectCdk delivery pipeline (CDK Pipelines)";
        props.TerminationProtection = true;
        return props;
    }

    private void SuppressNagFindings() =>
        NagSuppressions.AddResourceSuppressions(Pipeline,
        [
            NagSuppression.PipelineGeneratedPolicies,
            NagSuppression.PipelineSynthImage,
            NagSuppression.PipelineArtifactBucketLogging,
        ], applyToChildren: true);
}
