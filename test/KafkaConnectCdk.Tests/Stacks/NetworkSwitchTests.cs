using Amazon.CDK;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Platform;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

/// <summary>Configurations other than the shipped one, each synthesized on its own small app.</summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class NetworkSwitchTests
{
    private static Template NetworkTemplate(string environmentJson)
    {
        var configuration = PlatformConfigLoader.FromJson($$"""{ "project": "kcc", "environments": [ {{environmentJson}} ] }""");
        var app = new App(new AppProps { Context = CdkContext.FromCdkJson(context => context.Remove("platform")) });
        var stacks = PlatformApp.Compose(app, configuration, controlTower: false).Environments;
        return Template.FromStack(stacks[0].Network);
    }

    private static string GatewayService(System.Text.Json.Nodes.JsonObject endpoint) =>
        endpoint["Properties"]!["ServiceName"]!.ToJsonString().Contains(".s3", StringComparison.Ordinal) ? "S3" : "DynamoDb";

    [Fact]
    public void Interface_endpoints_can_be_switched_off()
    {
        var template = NetworkTemplate("""{ "name": "lab", "account": "333333333333", "region": "us-east-2", "kubernetes": { "adminPrincipalArn": "arn:aws:iam::111111111111:role/PlatformAdmin" }, "network": { "cidr": "10.30.0.0/24", "interfaceEndpoints": false } }""");

        Assert.DoesNotContain(template.PropertiesOfType("AWS::EC2::VPCEndpoint"), endpoint => (string?)endpoint["VpcEndpointType"] == "Interface");
        Assert.Equal(["S3", "DynamoDb"], template.ResourcesOfType("AWS::EC2::VPCEndpoint").Select(endpoint => GatewayService(endpoint)));
    }

    [Fact]
    public void A_slash_24_vpc_is_divided_into_subnets_aws_accepts()
    {
        var template = NetworkTemplate("""{ "name": "lab", "account": "333333333333", "region": "us-east-2", "kubernetes": { "adminPrincipalArn": "arn:aws:iam::111111111111:role/PlatformAdmin" }, "network": { "cidr": "10.30.0.0/24", "interfaceEndpoints": false } }""");
        var masks = template.PropertiesOfType("AWS::EC2::Subnet").Select(subnet => int.Parse(((string)subnet["CidrBlock"]!).Split('/')[1], System.Globalization.CultureInfo.InvariantCulture));

        Assert.All(masks, mask => Assert.InRange(mask, 16, 28));
    }

    [Fact]
    public void Explicit_zones_are_used_without_an_account_lookup()
    {
        var template = NetworkTemplate("""{ "name": "lab", "account": "333333333333", "region": "us-east-1", "kubernetes": { "adminPrincipalArn": "arn:aws:iam::111111111111:role/PlatformAdmin" }, "network": { "availabilityZones": ["us-east-1d", "us-east-1f"], "interfaceEndpoints": false }, "msk": { "brokerCount": 4 } }""");
        var zones = template.PropertiesOfType("AWS::EC2::Subnet").Select(subnet => (string?)subnet["AvailabilityZone"]).Distinct().Order();

        Assert.Equal(["us-east-1d", "us-east-1f"], zones);
    }
}
