using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Compliance;
using KafkaConnectCdk.Stacks;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Delivery;

/// <summary>The pipeline shape (-c delivery=pipeline), synthesized once for this class, beside the direct shape.</summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed partial class PipelineStackTests(SynthesizedPlatform direct, SynthesizedPipeline pipeline) : IClassFixture<SynthesizedPipeline>
{
    private JsonObject PipelineProperties => Assert.Single(pipeline.Template.PropertiesOfType("AWS::CodePipeline::Pipeline"));

    private IReadOnlyList<string> StageNames => [.. PipelineProperties["Stages"]!.AsArray().Select(stage => (string)stage!["Name"]!)];

    private JsonArray ActionsOf(string stage) => PipelineProperties["Stages"]!.AsArray().Single(candidate => (string?)candidate!["Name"] == stage)!["Actions"]!.AsArray();

    [Fact]
    public void The_pipeline_is_v2_self_mutating_and_promotes_dev_before_prod() =>
        Assert.Equal(["Source", "Build", "UpdatePipeline", "Assets", "dev", "prod"], StageNames);

    [Fact]
    public void The_pipeline_type_is_v2() => Assert.Equal("V2", (string?)PipelineProperties["PipelineType"]);

    [Fact]
    public void Source_comes_from_gitlab_through_codeconnections()
    {
        var source = Assert.Single(ActionsOf("Source"))!;

        var configured = JsonNode.Parse(CdkContext.PlatformJson())!["pipeline"]!;

        Assert.Equal("CodeStarSourceConnection", (string?)source["ActionTypeId"]!["Provider"]);
        // The connection, repository and branch cdk.json names, not any connection ARN.
        Assert.Equal((string?)configured["connectionArn"], (string?)source["Configuration"]!["ConnectionArn"]);
        Assert.Equal((string?)configured["repository"], (string?)source["Configuration"]!["FullRepositoryId"]);
        Assert.Equal((string?)configured["branch"], (string?)source["Configuration"]!["BranchName"]);
    }

    [Fact]
    public void Prod_waits_for_a_manual_approval_before_any_deployment()
    {
        var actions = ActionsOf("prod");
        var approval = actions.Single(action => (string?)action!["ActionTypeId"]!["Category"] == "Approval")!;
        var firstDeploy = actions.Where(action => (string?)action!["ActionTypeId"]!["Category"] == "Deploy").Min(action => (int)action!["RunOrder"]!);

        Assert.True((int)approval["RunOrder"]! < firstDeploy);
        Assert.DoesNotContain(ActionsOf("dev"), action => (string?)action!["ActionTypeId"]!["Category"] == "Approval");
    }

    [Theory]
    [InlineData("dev", "111111111111")]
    [InlineData("prod", "222222222222")]
    public void Each_stage_deploys_with_the_bootstrap_roles_of_its_target_account(string stage, string account)
    {
        var deployments = ActionsOf(stage).Where(action => (string?)action!["ActionTypeId"]!["Category"] == "Deploy").ToList();

        var stacks = pipeline.Stack.Stages.Single(candidate => candidate.StageName == stage).Stacks.All.Count;
        Assert.Equal(2 * stacks, deployments.Count);
        Assert.All(deployments, action => Assert.Contains($"cdk-hnb659fds-deploy-role-{account}-eu-west-1", action!["RoleArn"]!.ToJsonString(), StringComparison.Ordinal));
        var changeSets = deployments.Where(action => (string?)action!["Configuration"]!["ActionMode"] == "CHANGE_SET_REPLACE").ToList();
        Assert.Equal(stacks, changeSets.Count);
        Assert.All(changeSets, action => Assert.Contains($"cdk-hnb659fds-cfn-exec-role-{account}-eu-west-1", action!["Configuration"]!["RoleArn"]!.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Independent_stacks_of_a_stage_deploy_in_parallel()
    {
        var deployRunOrders = ActionsOf("dev")
            .Where(action => (string?)action!["ActionTypeId"]!["Category"] == "Deploy" && ((string?)action["Name"])!.EndsWith(".Deploy", StringComparison.Ordinal))
            .ToDictionary(action => (string)action!["Name"]!, action => (int)action!["RunOrder"]!);
        int Order(string component) => deployRunOrders.Single(pair => pair.Key.Contains($".{component}.", StringComparison.Ordinal) || pair.Key.EndsWith($"-{component}.Deploy", StringComparison.Ordinal)).Value;

        Assert.Equal(Order("msk"), Order("database"));
        Assert.True(Order("network") < Order("msk"));
        Assert.True(Order("msk") < Order("connect"));
    }

    [Fact]
    public void Each_stage_is_verified_after_deployment_from_its_outputs()
    {
        foreach (var stage in new[] { "dev", "prod" })
        {
            var verify = ActionsOf(stage).Single(action => ((string?)action!["Name"])!.StartsWith("Verify", StringComparison.Ordinal))!;
            var lastDeploy = ActionsOf(stage).Where(action => (string?)action!["ActionTypeId"]!["Category"] == "Deploy").Max(action => (int)action!["RunOrder"]!);
            Assert.True((int)verify["RunOrder"]! > lastDeploy);
            Assert.Contains("CONNECT_READY", verify["Configuration"]!["EnvironmentVariables"]!.ToJsonString(), StringComparison.Ordinal);
        }

        Assert.Contains(pipeline.Template.PropertiesOfType("AWS::CodeBuild::Project"), project => project["Source"]!["BuildSpec"]!.ToJsonString().Contains(PipelineStack.VerifyCommand, StringComparison.Ordinal));
    }

    [Fact]
    public void The_synth_step_runs_the_readme_commands_in_the_dotnet_10_sdk_image()
    {
        var synth = pipeline.Template.PropertiesOfType("AWS::CodeBuild::Project")
            .Single(project => project["Source"]!["BuildSpec"]!.ToJsonString().Contains("synth.sh", StringComparison.Ordinal)
                && project["Source"]!["BuildSpec"]!.ToJsonString().Contains("test.sh", StringComparison.Ordinal));
        var buildSpec = synth["Source"]!["BuildSpec"]!.ToJsonString();

        Assert.Equal(PipelineStack.SynthImage, (string?)synth["Environment"]!["Image"]);
        Assert.All(PipelineStack.SynthCommands, command => Assert.Contains(command, buildSpec, StringComparison.Ordinal));
    }

    /// <summary>The buildspec of a project: inline, or a file in the cloud assembly (one publisher per asset type).</summary>
    private string BuildSpecOf(JsonObject project)
    {
        var buildSpec = project["Source"]!["BuildSpec"]!;
        var text = buildSpec.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)buildSpec! : buildSpec.ToJsonString();
        var file = Path.Combine(pipeline.Assembly.Directory, text);
        return text.EndsWith(".yaml", StringComparison.Ordinal) && File.Exists(file) ? File.ReadAllText(file) : text;
    }

    private JsonObject DockerAssetProject => pipeline.Template.PropertiesOfType("AWS::CodeBuild::Project")
        .Single(project => BuildSpecOf(project).Contains("cdk-assets", StringComparison.Ordinal) && (string?)project["Description"] is { } description && description.EndsWith("/DockerAssets", StringComparison.Ordinal));

    /// <summary>
    /// The Connect image is built where CDK Pipelines publishes Docker assets: cdk-assets runs `docker build --platform
    /// linux/arm64` (aws/aws-cdk-cli packages/cdk-assets lib/private/docker.ts) on the x86_64 standard 7.0 image, whose
    /// Docker (23.0.6 and later, 28.5.2 with buildx 0.32 since April 2026: aws/aws-codebuild-docker-images
    /// ubuntu/standard/7.0/Dockerfile) builds with BuildKit, in a
    /// privileged container (CodeBuild runs the Docker daemon only in privileged mode). The Dockerfile runs nothing on
    /// arm64 (ConnectImageTests), so no arm64 build host and no QEMU are needed.
    /// </summary>
    [Fact]
    public void The_connect_image_is_published_by_a_privileged_x86_64_standard_7_project_with_buildkit()
    {
        var project = DockerAssetProject;
        var environment = project["Environment"]!;

        Assert.Equal("aws/codebuild/standard:7.0", (string?)environment["Image"]);
        Assert.Equal("LINUX_CONTAINER", (string?)environment["Type"]);
        Assert.True((bool)environment["PrivilegedMode"]!);
        var buildKit = environment["EnvironmentVariables"]!.AsArray().Single(variable => (string?)variable!["Name"] == "DOCKER_BUILDKIT")!;
        Assert.Equal("1", (string?)buildKit["Value"]);
        Assert.Equal(PipelineStack.AssetPublishingImage.ImageId, (string?)environment["Image"]);
    }

    [Fact]
    public void The_docker_asset_project_publishes_the_connect_image_of_each_stage()
    {
        var buildSpec = BuildSpecOf(DockerAssetProject);
        var connectImages = pipeline.Stack.Stages
            .Select(stage => Assert.Single(stage.Stacks.Connect.Node.FindAll().OfType<KafkaConnectCdk.Constructs.Kubernetes.ConnectImage>()).Asset.AssetHash)
            .ToList();

        Assert.Equal(2, connectImages.Count);

        Assert.All(connectImages, hash => Assert.Contains(hash, buildSpec, StringComparison.Ordinal));
    }

    /// <summary>A source artifact may drop the executable bit: every script in every buildspec is called through bash.</summary>
    [Fact]
    public void Every_script_a_pipeline_project_runs_is_called_through_bash()
    {
        var calls = pipeline.Template.PropertiesOfType("AWS::CodeBuild::Project")
            .Select(BuildSpecOf)
            .SelectMany(buildSpec => ScriptCall().Matches(buildSpec).Select(match => (Before: buildSpec[Math.Max(0, match.Index - 5)..match.Index], Script: match.Value)))
            .ToList();

        Assert.NotEmpty(calls);
        Assert.All(calls, call => Assert.True(call.Before == "bash ", $"{call.Script} is run as '{call.Before}{call.Script}'"));
        Assert.Equal(["scripts/synth.sh", "scripts/test.sh", "scripts/verify-deployment.sh"], calls.Select(call => call.Script).Distinct().Order());
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"scripts/[\w.-]+\.sh")]
    private static partial System.Text.RegularExpressions.Regex ScriptCall();

    [Fact]
    public void The_pipeline_installs_the_cdk_cli_pinned_in_package_json()
    {
        var selfMutation = pipeline.Template.PropertiesOfType("AWS::CodeBuild::Project")
            .Single(project => project["Source"]!["BuildSpec"]!.ToJsonString().Contains("cdk -a . deploy", StringComparison.Ordinal));

        Assert.Contains($"aws-cdk@{KafkaConnectCdk.Platform.PlatformApp.PinnedCdkCliVersion()}", selfMutation["Source"]!["BuildSpec"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Artifacts_are_encrypted_with_a_rotating_cross_account_key() =>
        pipeline.Template.HasResourceProperties("AWS::KMS::Key", new Dictionary<string, object> { ["EnableKeyRotation"] = true });

    [Theory]
    [InlineData("network")]
    [InlineData("msk")]
    [InlineData("database")]
    [InlineData("schema-registry")]
    [InlineData("lakehouse")]
    [InlineData("connect")]
    [InlineData("operations")]
    public void The_pipeline_deploys_the_same_templates_as_cdk_deploy_all(string component)
    {
        var expected = Snapshot.Scrub(direct.TemplateJsonOf(direct.Environment("dev").All.Single(stack => stack.StackName == $"kcc-dev-{component}")).ToJsonString());
        var actual = Snapshot.Scrub(pipeline.StageTemplate("dev", component).ToJsonString());

        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// No annotation at error or warning level on the pipeline stack: neither a cdk-nag finding (AwsSolutions errors and
    /// warnings alike) nor an aws-cdk-lib warning on a construct inside the stack.
    /// </summary>
    [Fact]
    public void The_pipeline_stack_has_no_error_or_warning() =>
        Assert.Empty(AssemblyMessages.ErrorsAndWarnings(pipeline.Assembly.Directory, pipeline.Stack.ArtifactId));

    [Fact]
    public void The_pipeline_stack_is_checked_by_cdk_nag() =>
        Assert.Contains(NagReports.Lines(pipeline.Assembly.Directory, $"AwsSolutions-*-{pipeline.Stack.StackName}-NagReport.csv"),
            line => line.ResourcePath.StartsWith($"{pipeline.Stack.Node.Path}/", StringComparison.Ordinal));

    /// <summary>Each suppression the pipeline template carries answers a finding of its rule (see NagComplianceTests).</summary>
    [Fact]
    public void Every_suppression_in_the_pipeline_template_answers_a_finding_of_its_rule()
    {
        var lines = NagReports.Lines(pipeline.Assembly.Directory);
        var suppressions = NagReports.Suppressions(Path.Combine(pipeline.Assembly.Directory, pipeline.Stack.TemplateFile));
        var unused = suppressions
            .DistinctBy(suppression => (suppression.RuleId, suppression.Reason))
            .Where(suppression => !lines.Any(line => line.IsSuppressedBy(suppression)))
            .Select(suppression => $"{suppression.LogicalId}: {suppression.RuleId} {suppression.Reason}");

        Assert.NotEmpty(suppressions);
        Assert.All(suppressions, suppression => Assert.Contains(NagSuppression.All.Values, named => named.RuleId == suppression.RuleId && named.Reason == suppression.Reason));
        Assert.Empty(unused);
    }

    /// <summary>A named suppression no shape of the app uses is a reason nobody reviews against a finding.</summary>
    [Fact]
    public void Every_named_suppression_answers_a_finding_in_the_direct_or_the_pipeline_shape()
    {
        var lines = NagReports.Lines(direct.Assembly.Directory).Concat(NagReports.Lines(pipeline.Assembly.Directory)).ToList();
        var unused = NagSuppression.All
            .Where(pair => !lines.Any(line => line.IsSuppressedBy(new TemplateSuppression("", "", pair.Value.RuleId, pair.Value.Reason))))
            .Select(pair => pair.Key);

        Assert.Empty(unused);
    }

    [Fact]
    public void The_pipeline_template_matches_its_snapshot() =>
        Snapshot.Matches("kcc-pipeline", JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(pipeline.Template.ToJSON()))!);
}
