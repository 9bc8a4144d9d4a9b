using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Platform;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

/// <summary>In strimzi management mode the Iceberg sinks are KafkaConnector resources, applied once their control topics exist.</summary>
[Trait("Category", "Unit")]
[Collection(PlatformCollection.Name)]
public sealed class IcebergSinkStrimziModeTests
{
    [Fact]
    public void In_strimzi_mode_each_sink_is_a_kafka_connector_applied_after_the_control_topic_job_succeeded()
    {
        var configuration = PlatformConfigLoader.FromJson("""
            { "project": "kcc", "environments": [ { "name": "lab", "account": "333333333333", "region": "eu-west-1",
              "kubernetes": { "adminPrincipalArn": "arn:aws:iam::111111111111:role/PlatformAdmin" },
              "network": { "cidr": "10.30.0.0/16", "interfaceEndpoints": false },
              "lakehouse": { "enabled": true },
              "connect": { "managementMode": "strimzi", "connectors": [ { "name": "people", "topicPrefix": "people", "databases": ["test_db"], "tables": ["test_db.person"], "format": "json" } ] } } ] }
            """);
        var app = new App(new AppProps { Context = CdkContext.FromCdkJson(context => context.Remove("platform")) });
        var connect = Template.FromStack(PlatformApp.Compose(app, configuration).Environments.Single().Connect);
        var resources = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(connect.ToJSON()))!["Resources"]!.AsObject();

        var readBack = Assert.Single(resources, pair => (string?)pair.Value!["Type"] == "Custom::AWSCDK-EKS-KubernetesObjectValue"
            && (string?)pair.Value["Properties"]!["ObjectType"] == "job").Key;
        var sink = Assert.Single(resources, pair => (string?)pair.Value!["Type"] == "Custom::AWSCDK-EKS-KubernetesResource"
            && pair.Value["Properties"]!["Manifest"]!.ToJsonString().Contains("org.apache.iceberg.connect.IcebergSinkConnector", StringComparison.Ordinal));
        var source = Assert.Single(resources, pair => (string?)pair.Value!["Type"] == "Custom::AWSCDK-EKS-KubernetesResource"
            && pair.Value["Properties"]!["Manifest"]!.ToJsonString().Contains("io.debezium.connector.mysql.MySqlConnector", StringComparison.Ordinal));

        Assert.Contains("people-iceberg", sink.Value!["Properties"]!["Manifest"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(readBack, sink.Value["DependsOn"]!.AsArray().Select(dependency => (string?)dependency));
        Assert.DoesNotContain(readBack, source.Value!["DependsOn"]!.AsArray().Select(dependency => (string?)dependency));
        Assert.DoesNotContain(resources, pair => (string?)pair.Value!["Type"] == "Custom::KafkaConnector" && pair.Value["Properties"]!["ManagementMode"]!.ToString() == "rest");
    }
}
