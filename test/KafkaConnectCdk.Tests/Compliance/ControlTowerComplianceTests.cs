using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using KafkaConnectCdk.Compliance;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Compliance;

/// <summary>
/// AWS Control Tower's proactive controls, as @cdklabs/cdk-validator-cfnguard 0.0.62 ships them
/// (rules/control-tower/cfn-guard/*/ct-*.guard), over the app's synthesized templates: CDK's policy validation report
/// (validation-report.json in the cloud assembly) holds what the plugin found and what was acknowledged.
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Nag")]
public sealed class ControlTowerComplianceTests(SynthesizedPlatform platform)
{
    private JsonNode? Plugin => JsonNode.Parse(File.ReadAllText(Path.Combine(platform.Assembly.Directory, "validation-report.json")))!["pluginReports"]!
        .AsArray().SingleOrDefault(report => (string?)report!["pluginName"] == ControlTowerCompliance.PluginName);

    private IEnumerable<(string Control, string Severity, string ConstructPath)> Findings(string key) =>
        (Plugin?[key]?.AsArray() ?? []).SelectMany(violation => violation!["violatingConstructs"]!.AsArray().Select(construct =>
            (ControlOf(violation), (string)violation["severity"]!, (string)construct!["constructPath"]!)));

    private static string ControlOf(JsonNode violation) =>
        System.Text.RegularExpressions.Regex.Match((string)violation["description"]!, @"\[(CT\.[A-Z0-9]+\.PR\.\d+)\]").Groups[1].Value;

    [Fact]
    public void Every_production_stack_passes_every_control_tower_control()
    {
        var production = Findings("violations").Where(finding => finding.ConstructPath.StartsWith("kcc/prod/", StringComparison.Ordinal)).ToList();

        Assert.Empty(production);
        Assert.Equal("success", (string?)Plugin!["conclusion"]);
        Assert.Null(Plugin["metadata"]?["error"]);
    }

    [Fact]
    public void Dev_breaks_only_the_controls_its_configuration_relaxes_and_is_not_failed_for_them()
    {
        var dev = Findings("violations").Where(finding => finding.ConstructPath.StartsWith("kcc/dev/", StringComparison.Ordinal)).ToList();

        Assert.All(dev, finding => Assert.Equal("warning", finding.Severity));
        // Short log retention (30/90 days), a single-AZ database without deletion protection and 3-day backups:
        // the dev configuration in cdk.json, which the validator allows outside production only.
        Assert.Equal(
            ["CT.CLOUDWATCH.PR.2", "CT.RDS.PR.1", "CT.RDS.PR.13", "CT.RDS.PR.8"],
            dev.Select(finding => finding.Control).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_exception_covers_a_production_finding_and_says_why()
    {
        var acknowledged = Findings("suppressedViolations").Where(finding => finding.ConstructPath.StartsWith("kcc/prod/", StringComparison.Ordinal)).ToList();
        var exceptions = ControlTowerExceptions.For(platform.Environment("prod"));

        Assert.All(exceptions, exception =>
        {
            Assert.True(exception.Reason.Length >= 120, $"{exception.ControlId} on {exception.Resource}: give a specific reason");
            Assert.Contains(acknowledged, finding => finding.Control == exception.ControlId
                && (finding.ConstructPath == exception.Scope.Node.Path || finding.ConstructPath.StartsWith(exception.Scope.Node.Path + "/", StringComparison.Ordinal)));
        });
        // Nested stacks (the aws-eks providers) are checked too: the Control Tower hook evaluates them as stacks of their own.
        Assert.Contains(acknowledged, finding => finding.ConstructPath.Contains("@aws-cdk--aws-eks.KubectlProvider/", StringComparison.Ordinal));
    }

    /// <summary>
    /// Each exception is acknowledged in the report under the rule the control's guard file defines: CDK records an
    /// acknowledged violation with the acknowledgement's id and reason (aws-cdk-lib core/lib/validation/private/report.js).
    /// </summary>
    [Fact]
    public void Every_exception_names_a_control_the_plugin_ships_by_its_rule()
    {
        var acknowledged = Plugin!["suppressedViolations"]!.AsArray();
        foreach (var exception in ControlTowerExceptions.For(platform.Environment("prod")))
        {
            var file = Directory.EnumerateFiles(ControlTowerRules.RulesDirectory, $"{exception.ControlId.ToLowerInvariant().Replace('.', '-')}.guard", SearchOption.AllDirectories).Single();
            var text = File.ReadAllText(file);

            Assert.Contains($"[{exception.ControlId}]", text, StringComparison.Ordinal);
            var violation = acknowledged.First(candidate => (string?)candidate!["acknowledgedId"] == exception.RuleId && (string?)candidate["reason"] == $"{exception.ControlId} ({exception.Resource}): {exception.Reason}")!;
            var rule = (string)violation["ruleName"]!;
            Assert.Equal($"{(string?)Plugin["pluginName"]}::{rule}", exception.RuleId);
            Assert.StartsWith($"[{exception.ControlId}]", (string?)violation["description"], StringComparison.Ordinal);
            Assert.Contains($"rule {rule} when", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_key_but_the_eks_secrets_key_denies_grants_that_are_not_for_aws_resources()
    {
        // CT.KMS.PR.3 (keymanagementservice/ct-kms-pr-3.guard): a Deny of kms:CreateGrant to Principal * on Resource *
        // under BoolIfExists kms:GrantIsForAWSResource = false and aws:PrincipalIsAWSService = false.
        static bool DeniesGrants(JsonNode key) => key["KeyPolicy"]!["Statement"]!.AsArray().Any(statement =>
            (string?)statement!["Effect"] == "Deny"
            && (string?)statement["Action"] == "kms:CreateGrant"
            && ((string?)statement["Principal"]?["AWS"] == "*" || (string?)statement["Principal"] == "*")
            && (string?)statement["Resource"] == "*"
            && (string?)statement["Condition"]!["BoolIfExists"]!["kms:GrantIsForAWSResource"] == "false"
            && (string?)statement["Condition"]!["BoolIfExists"]!["aws:PrincipalIsAWSService"] == "false");
        var keys = platform.Environment("prod").All
            .SelectMany(stack => platform.TemplateJsonOf(stack)["Resources"]!.AsObject()
                .Where(pair => (string?)pair.Value!["Type"] == "AWS::KMS::Key")
                .Select(pair => (Id: pair.Key, Properties: pair.Value!["Properties"]!)))
            .ToList();

        Assert.True(keys.Count > 3);
        // eks:CreateCluster makes its grant as the cluster creation role, and kms:GrantIsForAWSResource is not supported
        // for CreateCluster (EKS user guide, enable-kms; Control Tower CT.EKS.PR.2): the statement would refuse it.
        var (eksKeys, others) = (keys.Where(key => key.Id.StartsWith("EksSecretsKey", StringComparison.Ordinal)).ToList(), keys.Where(key => !key.Id.StartsWith("EksSecretsKey", StringComparison.Ordinal)).ToList());
        Assert.Single(eksKeys);
        Assert.False(DeniesGrants(eksKeys[0].Properties));
        Assert.All(others, key => Assert.True(DeniesGrants(key.Properties), $"{key.Id} denies grants not for AWS resources"));
        Assert.Contains(ControlTowerExceptions.For(platform.Environment("prod")), exception => exception.ControlId == "CT.KMS.PR.3" && exception.Scope == platform.Environment("prod").Connect.Eks.SecretsKey);
    }

    /// <summary>
    /// CT.EC2.PR.2 (hop limit 1): no pod needs IMDS. The Container Insights agent and Fluent Bit use the host network
    /// (aws-observability/helm-charts amazon-cloudwatch-observability 5.3.1 templates/linux), the load balancer
    /// controller gets its region and VPC from aws-cdk-lib's Helm values, and the scraper states its region.
    /// </summary>
    [Fact]
    public void The_node_launch_template_keeps_imds_from_every_pod()
    {
        var launchTemplate = platform.TemplateOf(platform.Environment("prod").Connect).PropertiesOfType("AWS::EC2::LaunchTemplate").Single();
        var options = launchTemplate["LaunchTemplateData"]!["MetadataOptions"]!;

        Assert.Equal(1, (int?)options["HttpPutResponseHopLimit"]);
        Assert.Equal("required", (string?)options["HttpTokens"]);
        Assert.DoesNotContain(ControlTowerExceptions.For(platform.Environment("prod")), exception => exception.ControlId == "CT.EC2.PR.2");
    }
}

/// <summary>The plugin on a probe app: what fails a production synthesis and what an acknowledgement does.</summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Nag")]
public sealed class ControlTowerPluginTests
{
    private sealed record Result(Exception? Error, JsonNode Report);

    private static Result Synthesize(bool production, bool acknowledge)
    {
        var outdir = Directory.CreateTempSubdirectory("kcc-ct-").FullName;
        try
        {
            var app = new App(new AppProps { Outdir = outdir });
            var stack = new Stack(app, "Probe", new StackProps { Env = new Amazon.CDK.Environment { Account = "222222222222", Region = "eu-west-1" } });
            var logs = new LogGroup(stack, "ShortLived", new LogGroupProps { Retention = RetentionDays.ONE_MONTH, RemovalPolicy = RemovalPolicy.DESTROY });
            new Function(stack, "OutsideVpc", new FunctionProps
            {
                Runtime = Runtime.NODEJS_22_X,
                Handler = "index.handler",
                Code = Code.FromInline("exports.handler = async () => ({});"),
                LogGroup = logs,
            });
            if (acknowledge)
            {
                Validations.Of(logs).Acknowledge(new Acknowledgment { Id = $"{ControlTowerCompliance.PluginName}::{ControlTowerCompliance.RuleName("CT.CLOUDWATCH.PR.2")}", Reason = "probe" });
            }

            ControlTowerCompliance.Apply(app, production ? [stack] : []);
            Exception? error = null;
            try
            {
                app.Synth();
            }
            catch (Exception exception)
            {
                error = exception;
            }

            return new(error, JsonNode.Parse(File.ReadAllText(Path.Combine(outdir, "validation-report.json")))!);
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    }

    private static IEnumerable<JsonNode> Violations(Result result, string key = "violations") =>
        result.Report["pluginReports"]!.AsArray().Single(report => (string?)report!["pluginName"] == ControlTowerCompliance.PluginName)![key]?.AsArray().Select(node => node!) ?? [];

    private static JsonNode Of(IEnumerable<JsonNode> violations, string control) =>
        violations.Single(violation => ((string)violation["description"]!).StartsWith($"[{control}]", StringComparison.Ordinal));

    [Fact]
    public void A_production_violation_without_an_exception_fails_the_synthesis_naming_control_resource_and_fix()
    {
        var result = Synthesize(production: true, acknowledge: false);

        Assert.NotNull(result.Error);
        Assert.Contains("Validation failed", result.Error!.Message, StringComparison.Ordinal);
        var retention = Of(Violations(result), "CT.CLOUDWATCH.PR.2");
        Assert.Equal("error", (string?)retention["severity"]);
        Assert.Equal("Probe/ShortLived/Resource", (string?)retention["violatingConstructs"]![0]!["constructPath"]);
        Assert.Contains("365", (string?)retention["suggestedFix"], StringComparison.Ordinal);
        // ct-lambda-pr-3 runs through the cfn-guard binary directly (the plugin's parser throws on its output): still found.
        var vpc = Of(Violations(result), "CT.LAMBDA.PR.3");
        Assert.Equal("Probe/OutsideVpc/Resource", (string?)vpc["violatingConstructs"]![0]!["constructPath"]);
        Assert.Contains("VpcConfig", (string?)vpc["suggestedFix"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_violation_outside_production_is_a_warning_that_does_not_fail()
    {
        var result = Synthesize(production: false, acknowledge: false);

        Assert.Null(result.Error);
        Assert.Equal("warning", (string?)Of(Violations(result), "CT.CLOUDWATCH.PR.2")["severity"]);
    }

    [Fact]
    public void An_acknowledged_violation_no_longer_fails_and_stays_in_the_report_with_its_reason()
    {
        var result = Synthesize(production: true, acknowledge: true);

        Assert.DoesNotContain(Violations(result), violation => ((string)violation["description"]!).StartsWith("[CT.CLOUDWATCH.PR.2]", StringComparison.Ordinal));
        Assert.Equal("probe", (string?)Of(Violations(result, "suppressedViolations"), "CT.CLOUDWATCH.PR.2")["reason"]);
        // The function outside the VPC still fails it.
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void The_direct_rule_parser_names_every_resource_under_a_failed_rule()
    {
        const string output = """
            [{"name":"/tmp/t.template.json","not_compliant":[{"Rule":{"name":"lambda_inside_vpc_check","checks":[{"Rule":{"name":"check","messages":{"custom_message":"\n [CT.LAMBDA.PR.3]: Require a function in a VPC\n [FIX]: Provide VpcConfig.\n"},"checks":[{"Clause":{"Unary":{"check":{"UnResolved":{"value":{"traversed_to":{"path":"/Resources/FnA/Properties"}}}}}}},{"Clause":{"Unary":{"check":{"UnResolved":{"value":{"traversed_to":{"path":"/Resources/FnB/Properties"}}}}}}}]}}]}}]}]
            """;

        var findings = DirectGuardRule.ParseFindings(output).ToList();

        Assert.Equal(["FnA", "FnB"], findings.Select(finding => finding.LogicalId));
        Assert.All(findings, finding => Assert.Equal("Provide VpcConfig.", finding.Fix));
        Assert.All(findings, finding => Assert.Equal("[CT.LAMBDA.PR.3]: Require a function in a VPC", finding.Description));
    }
}
