using Amazon.CDK;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Platform;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class SchemaRegistryStackTests(SynthesizedPlatform platform)
{
    [Fact]
    public void Each_environment_has_its_own_tagged_registry()
    {
        foreach (var environment in new[] { "dev", "prod" })
        {
            var registries = platform.TemplateOf(platform.Environment(environment).SchemaRegistry!).PropertiesOfType("AWS::Glue::Registry");
            Assert.Equal([$"kcc-{environment}", $"kcc-{environment}-keys"], registries.Select(registry => (string?)registry["Name"]).Order());
            Assert.All(registries, registry => Assert.Contains(registry["Tags"]!.AsArray(), tag => (string?)tag!["Key"] == "Environment" && (string?)tag["Value"] == environment));
        }
    }

    [Fact]
    public void Connector_schemas_default_to_backward_compatibility() =>
        Assert.Equal("BACKWARD", platform.Environment("prod").SchemaRegistry!.Registry.Compatibility);

    [Fact]
    public void Declared_schemas_are_created_in_the_registry_with_their_compatibility()
    {
        var configuration = PlatformConfigLoader.FromJson("""
            { "project": "kcc", "environments": [ { "name": "lab", "account": "333333333333", "region": "us-east-2",
              "kubernetes": { "adminPrincipalArn": "arn:aws:iam::111111111111:role/PlatformAdmin" }, "schemaRegistry": { "name": "cdc_lab", "compatibility": "FULL", "schemas": [
                { "name": "person-value", "dataFormat": "AVRO", "definition": "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[]}" },
                { "name": "person", "key": true, "dataFormat": "AVRO", "compatibility": "NONE", "definition": "{\"type\":\"string\"}" } ] } } ] }
            """);
        var app = new App(new AppProps { Context = CdkContext.FromCdkJson(context => context.Remove("platform")) });
        var template = Template.FromStack(PlatformApp.Compose(app, configuration).Environments[0].SchemaRegistry!);

        template.HasResourceProperties("AWS::Glue::Registry", new Dictionary<string, object> { ["Name"] = "cdc_lab" });
        template.HasResourceProperties("AWS::Glue::Schema", new Dictionary<string, object> { ["Name"] = "person-value", ["Compatibility"] = "FULL", ["DataFormat"] = "AVRO" });
        template.HasResourceProperties("AWS::Glue::Schema", new Dictionary<string, object>
        {
            ["Name"] = "person",
            ["Compatibility"] = "NONE",
            ["Registry"] = new Dictionary<string, object> { ["Arn"] = new Dictionary<string, object> { ["Fn::GetAtt"] = new[] { template.FindResources("AWS::Glue::Registry", new Dictionary<string, object> { ["Properties"] = new Dictionary<string, object> { ["Name"] = "cdc_lab-keys" } }).Keys.Single(), "Arn" } } },
        });
    }
}
