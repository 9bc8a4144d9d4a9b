using Amazon.CDK.Assertions;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class NetworkStackTests(SynthesizedPlatform platform)
{
    private Template Dev => platform.TemplateOf(platform.Environment("dev").Network);

    private Template Prod => platform.TemplateOf(platform.Environment("prod").Network);

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Subnets_of_each_tier_span_three_distinct_zones(string environment)
    {
        var subnets = platform.TemplateOf(platform.Environment(environment).Network).PropertiesOfType("AWS::EC2::Subnet");

        // Three tiers of the Vpc construct plus the Connect REST load balancer's own subnets (PlatformVpc).
        Assert.Equal(12, subnets.Count);
        foreach (var tier in new[] { "Public", "Private", "Isolated" })
        {
            var zones = subnets
                .Where(subnet => subnet["Tags"]!.AsArray().Any(tag => (string?)tag!["Key"] == "aws-cdk:subnet-name" && (string?)tag["Value"] == tier))
                .Select(subnet => (string?)subnet["AvailabilityZone"])
                .ToList();
            Assert.Equal(["eu-west-1a", "eu-west-1b", "eu-west-1c"], zones.Order());
        }
    }

    [Fact]
    public void Production_has_one_nat_gateway_per_zone() => Prod.ResourceCountIs("AWS::EC2::NatGateway", 3);

    [Fact]
    public void Dev_shares_one_nat_gateway() => Dev.ResourceCountIs("AWS::EC2::NatGateway", 1);

    [Fact]
    public void Isolated_subnets_have_no_route_to_the_internet()
    {
        var isolatedRouteTables = Dev.View().LogicalIdsOfType("AWS::EC2::RouteTable").Where(id => id.Contains("Isolated", StringComparison.Ordinal)).ToHashSet();
        var routes = Dev.PropertiesOfType("AWS::EC2::Route");

        Assert.Equal(3, isolatedRouteTables.Count);
        Assert.DoesNotContain(routes, route => isolatedRouteTables.Contains((string?)route["RouteTableId"]!["Ref"] ?? ""));
    }

    [Fact]
    public void All_traffic_is_logged_to_a_kms_encrypted_log_group_with_retention()
    {
        Dev.HasResourceProperties("AWS::EC2::FlowLog", new Dictionary<string, object>
        {
            ["TrafficType"] = "ALL",
            ["LogDestinationType"] = "cloud-watch-logs",
            ["ResourceType"] = "VPC",
        });
        var logGroup = Assert.Single(Dev.PropertiesOfType("AWS::Logs::LogGroup"));
        Assert.Equal(30, (int?)logGroup["RetentionInDays"]);
        Assert.NotNull(logGroup["KmsKeyId"]);
        Assert.Equal(365, (int?)Assert.Single(Prod.PropertiesOfType("AWS::Logs::LogGroup"))["RetentionInDays"]);
    }

    [Fact]
    public void The_flow_log_key_rotates()
    {
        Dev.HasResourceProperties("AWS::KMS::Key", new Dictionary<string, object> { ["EnableKeyRotation"] = true });
    }

    [Fact]
    public void Production_retains_the_flow_logs_and_their_key_when_the_stack_is_deleted()
    {
        Prod.HasResource("AWS::Logs::LogGroup", new Dictionary<string, object> { ["DeletionPolicy"] = "Retain" });
        Prod.HasResource("AWS::KMS::Key", new Dictionary<string, object> { ["DeletionPolicy"] = "Retain" });
        Dev.HasResource("AWS::Logs::LogGroup", new Dictionary<string, object> { ["DeletionPolicy"] = "Delete" });
    }

    [Fact]
    public void The_default_security_group_is_stripped_of_its_rules() =>
        Dev.ResourceCountIs("Custom::VpcRestrictDefaultSG", 1);

    [Fact]
    public void S3_is_reached_through_a_gateway_endpoint() =>
        Dev.HasResourceProperties("AWS::EC2::VPCEndpoint", new Dictionary<string, object>
        {
            ["VpcEndpointType"] = "Gateway",
            ["ServiceName"] = Match.ObjectLike(new Dictionary<string, object>()),
        });

    [Fact]
    public void Interface_endpoints_cover_ecr_sts_logs_secrets_manager_and_glue_with_private_dns()
    {
        var endpoints = Dev.PropertiesOfType("AWS::EC2::VPCEndpoint").Where(endpoint => (string?)endpoint["VpcEndpointType"] == "Interface").ToList();
        var services = endpoints.Select(endpoint => (string)endpoint["ServiceName"]!).Order().ToList();

        Assert.Equal(
            ["com.amazonaws.eu-west-1.ecr.api", "com.amazonaws.eu-west-1.ecr.dkr", "com.amazonaws.eu-west-1.glue", "com.amazonaws.eu-west-1.logs", "com.amazonaws.eu-west-1.secretsmanager", "com.amazonaws.eu-west-1.sts"],
            services);
        Assert.All(endpoints, endpoint => Assert.True((bool?)endpoint["PrivateDnsEnabled"]));
    }

    [Fact]
    public void Endpoints_admit_only_https_from_the_vpc_cidr()
    {
        var endpointGroup = Dev.PropertiesOfType("AWS::EC2::SecurityGroup")
            .Single(group => ((string?)group["GroupDescription"])?.Contains("interface endpoints", StringComparison.Ordinal) == true);
        var ingress = Assert.Single(endpointGroup["SecurityGroupIngress"]!.AsArray())!;

        Assert.Equal("10.10.0.0/16", (string?)ingress["CidrIp"]);
        Assert.Equal(443, (int?)ingress["FromPort"]);
        Assert.Equal(443, (int?)ingress["ToPort"]);
    }

    [Fact]
    public void Stacks_are_named_after_project_environment_and_component()
    {
        Assert.Equal("kcc-dev-network", platform.Environment("dev").Network.StackName);
        Assert.Equal("kcc-prod-network", platform.Environment("prod").Network.StackName);
    }

    [Fact]
    public void Production_stacks_are_protected_from_termination()
    {
        Assert.True(platform.Environment("prod").Network.TerminationProtection);
        Assert.False(platform.Environment("dev").Network.TerminationProtection);
    }

    [Fact]
    public void Resources_carry_project_environment_and_configured_tags()
    {
        var vpc = Assert.Single(Prod.PropertiesOfType("AWS::EC2::VPC"));
        var tags = vpc["Tags"]!.AsArray().ToDictionary(tag => (string)tag!["Key"]!, tag => (string?)tag!["Value"]);

        Assert.Equal("kcc", tags["Project"]);
        Assert.Equal("prod", tags["Environment"]);
        Assert.Equal("data-platform", tags["CostCenter"]);
    }
}
