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
        var view = connect.View();

        var readBack = Assert.Single(view.LogicalIdsOfType("Custom::AWSCDK-EKS-KubernetesObjectValue"), id => (string?)view.Properties(id)["ObjectType"] == "job");
        var sink = Assert.Single(view.AppliedObjects, applied => (string?)applied.Object["spec"]?["class"] == "org.apache.iceberg.connect.IcebergSinkConnector");
        var source = Assert.Single(view.AppliedObjects, applied => (string?)applied.Object["spec"]?["class"] == "io.debezium.connector.mysql.MySqlConnector");

        Assert.Equal(("KafkaConnector", "people-iceberg"), (sink.Kind, sink.Name));
        Assert.Equal("KafkaConnector", source.Kind);
        Assert.Contains(readBack, view.Resource(sink.LogicalId)["DependsOn"]!.AsArray().Select(dependency => (string?)dependency));
        Assert.DoesNotContain(readBack, view.Resource(source.LogicalId)["DependsOn"]!.AsArray().Select(dependency => (string?)dependency));
        Assert.DoesNotContain(view.PropertiesOfType("Custom::KafkaConnector"), properties => properties["ManagementMode"]!.ToString() == "rest");
    }
}
