using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Stacks;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Delivery;

/// <summary>The pipeline shape (-c delivery=pipeline), synthesized once for this class, beside the direct shape.</summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class PipelineStackTests(SynthesizedPlatform direct, SynthesizedPipeline pipeline) : IClassFixture<SynthesizedPipeline>
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

        Assert.Equal("CodeStarSourceConnection", (string?)source["ActionTypeId"]!["Provider"]);
        Assert.Equal("data-platform/kafka-connect-cdk", (string?)source["Configuration"]!["FullRepositoryId"]);
        Assert.Equal("main", (string?)source["Configuration"]!["BranchName"]);
        Assert.StartsWith("arn:aws:codeconnections:", (string?)source["Configuration"]!["ConnectionArn"], StringComparison.Ordinal);
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

        Assert.Contains(pipeline.Template.PropertiesOfType("AWS::CodeBuild::Project"), project => project["Source"]!["BuildSpec"]!.ToJsonString().Contains("./scripts/verify-deployment.sh", StringComparison.Ordinal));
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
    [InlineData("connect")]
    [InlineData("operations")]
    public void The_pipeline_deploys_the_same_templates_as_cdk_deploy_all(string component)
    {
        var expected = Snapshot.Scrub(direct.TemplateJsonOf(direct.Environment("dev").All.Single(stack => stack.StackName == $"kcc-dev-{component}")).ToJsonString());
        var actual = Snapshot.Scrub(pipeline.StageTemplate("dev", component).ToJsonString());

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_pipeline_stack_is_nag_clean() =>
        Assert.Empty(Annotations.FromStack(pipeline.Stack).FindError("*", Match.StringLikeRegexp("AwsSolutions-.*")));

    [Fact]
    public void The_pipeline_template_matches_its_snapshot() =>
        Snapshot.Matches("kcc-pipeline", JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(pipeline.Template.ToJSON()))!);
}
