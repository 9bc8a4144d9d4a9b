using System.Text.Json.Nodes;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Configuration;

[Trait("Category", "Unit")]
public sealed class ConfigurationValidationTests
{
    private const string ValidPlatform = """
        {
          "project": "kcc",
          "environments": [
            { "name": "dev", "account": "111111111111", "region": "eu-west-1", "kubernetes": { "adminPrincipalArn": "arn:aws:iam::111111111111:role/PlatformAdmin" }, "network": { "cidr": "10.10.0.0/16" } },
            { "name": "prod", "account": "222222222222", "region": "eu-west-1", "production": true, "kubernetes": { "adminPrincipalArn": "arn:aws:iam::111111111111:role/PlatformAdmin", "controlPlaneLogRetentionDays": 365 }, "msk": { "brokerLogRetentionDays": 365 }, "database": { "logRetentionDays": 365 }, "network": { "cidr": "10.20.0.0/16" } }
          ]
        }
        """;

    private static string With(Action<JsonNode> change)
    {
        var platform = JsonNode.Parse(ValidPlatform)!;
        change(platform);
        return platform.ToJsonString();
    }

    private static JsonNode Dev(JsonNode platform) => platform["environments"]![0]!;

    private static JsonNode Prod(JsonNode platform) => platform["environments"]![1]!;

    private static string ErrorOf(string json, string? environment = null) =>
        Assert.Throws<ConfigurationException>(() => PlatformConfigLoader.FromJson(json, environment)).Message;

    [Fact]
    public void The_shipped_cdk_json_configuration_is_valid()
    {
        var loaded = PlatformConfigLoader.FromJson(CdkContext.PlatformJson());

        Assert.Equal(["dev", "prod"], loaded.Platform.Environments.Select(environment => environment.Name));
        Assert.All(loaded.Platform.Environments, environment => Assert.Equal(3, environment.AvailabilityZoneNames.Count));
    }

    [Fact]
    public void Zones_default_to_the_regions_a_b_and_c()
    {
        var dev = PlatformConfigLoader.FromJson(ValidPlatform).Platform.Environments[0];

        Assert.Equal(["eu-west-1a", "eu-west-1b", "eu-west-1c"], dev.AvailabilityZoneNames);
    }

    [Fact]
    public void Production_defaults_to_one_nat_gateway_per_zone_and_other_environments_to_one()
    {
        var environments = PlatformConfigLoader.FromJson(ValidPlatform).Platform.Environments;

        Assert.Equal(1, environments[0].NatGatewayCount);
        Assert.Equal(3, environments[1].NatGatewayCount);
    }

    [Fact]
    public void Selecting_an_environment_keeps_only_that_environment()
    {
        var loaded = PlatformConfigLoader.FromJson(ValidPlatform, "prod");

        Assert.Equal("prod", Assert.Single(loaded.SelectedEnvironments).Name);
    }

    [Theory]
    [InlineData("kubernetes", "controlPlaneLogRetentionDays")]
    [InlineData("msk", "brokerLogRetentionDays")]
    [InlineData("database", "logRetentionDays")]
    [InlineData("network", "flowLogRetentionDays")]
    public void Fails_when_a_production_log_group_is_kept_less_than_the_year_control_tower_requires(string section, string field) =>
        // CT.CLOUDWATCH.PR.2 (rules/control-tower/cfn-guard/cloudwatch/ct-cloudwatch-pr-2.guard of
        // @cdklabs/cdk-validator-cfnguard 0.0.62): RetentionInDays absent or >= 365.
        Assert.Contains(
            $"platform.environments[1](prod).{section}.{field}: 180 days is below the 365 days AWS Control Tower's CT.CLOUDWATCH.PR.2 requires of production log groups. Fix: set it to 365 or more in this production environment.",
            ErrorOf(With(platform => (Prod(platform)[section] ??= new JsonObject())[field] = 180)));

    [Fact]
    public void Other_environments_may_keep_logs_shorter() =>
        PlatformConfigLoader.FromJson(With(platform => (Dev(platform)["database"] ??= new JsonObject())["logRetentionDays"] = 30), null);

    [Fact]
    public void Fails_when_the_selected_environment_is_unknown() =>
        Assert.Contains("environment: unknown environment 'staging'. Fix: use one of: dev, prod.", ErrorOf(ValidPlatform, "staging"));

    [Fact]
    public void Fails_when_the_account_is_not_12_digits() =>
        Assert.Contains(
            "platform.environments[0](dev).account: '12345' is not a 12-digit AWS account id. Fix: set the 12-digit id of the target account, as a string (leading zeros matter).",
            ErrorOf(With(platform => Dev(platform)["account"] = "12345")));

    [Fact]
    public void Fails_when_the_region_is_not_a_region_name() =>
        Assert.Contains(
            "platform.environments[0](dev).region: 'Ireland' is not an AWS region name. Fix: use a region code such as eu-west-1 or us-east-2.",
            ErrorOf(With(platform => Dev(platform)["region"] = "Ireland")));

    [Theory]
    [InlineData("10.0.0.0/8", "the prefix /8 is outside /16 to /24")]
    [InlineData("10.0.0.0/25", "the prefix /25 is outside /16 to /24")]
    [InlineData("10.0.0.0", "'10.0.0.0' is not an IPv4 CIDR block")]
    [InlineData("10.0.0/16", "'10.0.0/16' is not an IPv4 CIDR block")]
    [InlineData("52.0.0.0/16", "'52.0.0.0/16' is not in a private (RFC 1918) range")]
    [InlineData("10.0.1.0/16", "'10.0.1.0/16' has host bits set")]
    public void Fails_when_the_cidr_is_unusable(string cidr, string problem) =>
        Assert.Contains(
            $"platform.environments[0](dev).network.cidr: {problem}.",
            ErrorOf(With(platform => Dev(platform)["network"]!["cidr"] = cidr)));

    [Theory]
    [InlineData("""{ "alarmEmails": ["ops"] }""", "alarmEmails: 'ops' is not an e-mail address. Fix: write addresses as name@example.com")]
    [InlineData("""{ "mskDiskUsedPercent": 99 }""", "mskDiskUsedPercent: 99 is outside 50 to 95")]
    [InlineData("""{ "sourceLagSeconds": 5 }""", "sourceLagSeconds: 5 is outside 10 to 86400. Fix: alarm when changes are minutes late")]
    [InlineData("""{ "healing": { "maxRestartsPerHour": 60 } }""", "healing.maxRestartsPerHour: 60 is outside 1 to 30. Fix: more than one restart every two minutes is a restart storm")]
    [InlineData("""{ "healing": { "firstBackoffSeconds": 1 } }""", "healing.firstBackoffSeconds: 1 is outside 10 to 3600")]
    [InlineData("""{ "healing": { "firstBackoffSeconds": 600, "maxBackoffSeconds": 300 } }""", "healing.maxBackoffSeconds: 300 is not between firstBackoffSeconds (600) and 3600")]
    [InlineData("""{ "healing": { "stableAfterSeconds": 30 } }""", "healing.stableAfterSeconds: 30 is outside 60 to 3600")]
    public void Fails_when_an_operations_setting_is_unusable(string operations, string problem) =>
        Assert.Contains(
            $"platform.environments[0](dev).operations.{problem}",
            ErrorOf(With(platform => Dev(platform)["operations"] = JsonNode.Parse(operations))));

    [Fact]
    public void Fails_when_production_spans_fewer_than_three_zones() =>
        Assert.Contains(
            "platform.environments[1](prod).network.availabilityZones: a production environment spans 2 zones. Fix: name exactly 3 zones",
            ErrorOf(With(platform => Prod(platform)["network"]!["availabilityZones"] = new JsonArray("eu-west-1a", "eu-west-1b"))));

    [Fact]
    public void Fails_when_a_zone_belongs_to_another_region() =>
        Assert.Contains(
            "platform.environments[0](dev).network.availabilityZones: 'us-east-1a' is not a zone of eu-west-1.",
            ErrorOf(With(platform => Dev(platform)["network"]!["availabilityZones"] = new JsonArray("eu-west-1a", "eu-west-1b", "us-east-1a"))));

    [Fact]
    public void Fails_when_a_zone_is_named_twice() =>
        Assert.Contains(
            "platform.environments[0](dev).network.availabilityZones: a zone is named twice.",
            ErrorOf(With(platform => Dev(platform)["network"]!["availabilityZones"] = new JsonArray("eu-west-1a", "eu-west-1a", "eu-west-1b"))));

    [Fact]
    public void Fails_when_more_nat_gateways_than_zones_are_requested() =>
        Assert.Contains(
            "platform.environments[0](dev).network.natGateways: 4 NAT gateways for 3 zones. Fix: use 1 to 3",
            ErrorOf(With(platform => Dev(platform)["network"]!["natGateways"] = 4)));

    [Fact]
    public void Fails_when_production_shares_a_nat_gateway_between_zones() =>
        Assert.Contains(
            "platform.environments[1](prod).network.natGateways: a production environment has 1 NAT gateway(s) for 3 zones.",
            ErrorOf(With(platform => Prod(platform)["network"]!["natGateways"] = 1)));

    [Fact]
    public void Fails_when_the_flow_log_retention_is_not_a_cloudwatch_value() =>
        Assert.Contains(
            "platform.environments[0](dev).network.flowLogRetentionDays: 42 is not a CloudWatch Logs retention. Fix: use one of 1, 3, 5, 7, 14, 30,",
            ErrorOf(With(platform => Dev(platform)["network"]!["flowLogRetentionDays"] = 42)));

    [Fact]
    public void Fails_when_two_environments_share_a_name() =>
        Assert.Contains(
            "platform.environments: the name 'dev' is used 2 times. Fix: give every environment a unique name.",
            ErrorOf(With(platform => Prod(platform)["name"] = "dev")));

    [Fact]
    public void Fails_when_no_environment_is_configured() =>
        Assert.Contains("platform.environments: no environment is configured.", ErrorOf("""{ "project": "kcc", "environments": [] }"""));

    [Fact]
    public void Fails_when_the_environment_name_is_not_a_valid_name() =>
        Assert.Contains(
            "platform.environments[0].name: 'Dev_1' is not a valid environment name.",
            ErrorOf(With(platform => Dev(platform)["name"] = "Dev_1")));

    [Fact]
    public void Fails_when_the_project_prefix_is_not_a_valid_name() =>
        Assert.Contains("platform.project: 'KafkaConnect' is not a valid project prefix.", ErrorOf(With(platform => platform["project"] = "KafkaConnect")));

    [Fact]
    public void Fails_when_a_tag_key_uses_the_reserved_aws_prefix() =>
        Assert.Contains(
            "platform.environments[0](dev).tags: tag key 'aws:owner' is not allowed.",
            ErrorOf(With(platform => Dev(platform)["tags"] = new JsonObject { ["aws:owner"] = "me" })));

    [Fact]
    public void Fails_when_a_key_is_unknown() =>
        Assert.Contains(
            "platform.environments[0].network.cidrBlock: unknown key 'cidrBlock'.",
            ErrorOf(With(platform => Dev(platform)["network"]!["cidrBlock"] = "10.0.0.0/16")));

    [Fact]
    public void Fails_when_a_removed_key_is_set_naming_why_and_the_fix()
    {
        var error = ErrorOf(With(platform => (Dev(platform)["database"] ??= new JsonObject())["masterPasswordRotationDays"] = 30));

        Assert.Contains("platform.environments[0].database.masterPasswordRotationDays: 'masterPasswordRotationDays' is no longer a setting: RDS manages and rotates the master password itself", error);
        Assert.Contains("remove the key from database", error);
    }

    [Fact]
    public void Fails_when_a_value_has_the_wrong_type() =>
        Assert.Contains(
            "platform.environments[0].network.natGateways: the value has the wrong type (expected a whole number).",
            ErrorOf(With(platform => Dev(platform)["network"]!["natGateways"] = "three")));

    [Fact]
    public void Reports_every_problem_in_one_message()
    {
        var message = ErrorOf(With(platform =>
        {
            Dev(platform)["account"] = "1";
            Dev(platform)["region"] = "nowhere";
            Prod(platform)["network"]!["cidr"] = "10.0.0.0/8";
        }));

        Assert.StartsWith("Invalid configuration (3 problems):", message, StringComparison.Ordinal);
        Assert.Contains(".account:", message, StringComparison.Ordinal);
        Assert.Contains(".region:", message, StringComparison.Ordinal);
        Assert.Contains(".network.cidr:", message, StringComparison.Ordinal);
    }
}
