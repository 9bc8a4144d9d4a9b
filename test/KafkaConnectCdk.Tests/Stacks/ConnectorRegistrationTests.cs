using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class ConnectorRegistrationTests(SynthesizedPlatform platform)
{
    private Template Prod => platform.TemplateOf(platform.Environment("prod").Connect);

    private TemplateView View => Prod.View();

    private IReadOnlyList<JsonObject> Connectors => Prod.PropertiesOfType("Custom::KafkaConnector");

    private IReadOnlyList<JsonObject> Handlers =>
        [.. Prod.PropertiesOfType("AWS::Lambda::Function").Where(function => ((string?)function["Handler"])?.StartsWith("ConnectorRegistrar::", StringComparison.Ordinal) == true)];

    private IReadOnlyList<JsonObject> Sources => [.. Connectors.Where(connector => (string?)connector["ConnectorClass"] != "org.apache.iceberg.connect.IcebergSinkConnector")];

    [Fact]
    public void Every_connector_is_one_custom_resource_with_its_config_and_a_hash()
    {
        Assert.Equal(["fullfillment-avro", "fullfillment-json"], Sources.Select(connector => (string?)connector["ConnectorName"]).Order());
        Assert.All(Sources, connector =>
        {
            Assert.Equal("io.debezium.connector.mysql.MySqlConnector", (string?)connector["ConnectorClass"]);
            Assert.Matches("^[0-9a-f]{16}$", (string?)connector["ConfigHash"]);
            Assert.Equal("rest", (string?)connector["ManagementMode"]);
            Assert.Contains("topic.prefix", connector["Config"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains(":8083/", connector["ConnectUrl"]!.ToJsonString(), StringComparison.Ordinal);
        });
    }

    /// <summary>
    /// One Apache Iceberg sink per landed source connector, registered like the sources, and only once the Job that
    /// creates its control topic has succeeded: the sink never creates it (apache/iceberg 1.11.0 kafka-connect sources).
    /// </summary>
    [Fact]
    public void Each_landed_connector_gets_an_iceberg_sink_registered_after_the_control_topics_exist()
    {
        var sinks = View.LogicalIdsOfType("Custom::KafkaConnector")
            .Where(id => (string?)View.Properties(id)["ConnectorClass"] == "org.apache.iceberg.connect.IcebergSinkConnector").ToList();
        var readBack = Assert.Single(View.LogicalIdsOfType("Custom::AWSCDK-EKS-KubernetesObjectValue"), id => (string?)View.Properties(id)["ObjectType"] == "job");

        Assert.Equal(["fullfillment-avro-iceberg", "fullfillment-json-iceberg"], sinks.Select(id => (string?)View.Properties(id)["ConnectorName"]).Order());
        Assert.All(sinks, id =>
        {
            Assert.Contains(readBack, View.Resource(id)["DependsOn"]!.AsArray().Select(dependency => (string?)dependency));
            Assert.Matches("^[0-9a-f]{16}$", (string?)View.Properties(id)["ConfigHash"]);
            Assert.Contains("iceberg.control.topic", View.Properties(id)["Config"]!.ToJsonString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_config_carries_a_password_reference_never_the_password() =>
        Assert.All(Sources, connector => Assert.Contains("${dir:/mnt/connector-secrets:password}", connector["Config"]!.ToJsonString(), StringComparison.Ordinal));

    [Fact]
    public void The_handlers_run_on_dotnet10_arm64_inside_the_vpc()
    {
        Assert.Equal(["ConnectorRegistrar::ConnectorRegistrar.Function::IsComplete", "ConnectorRegistrar::ConnectorRegistrar.Function::OnEvent"], Handlers.Select(handler => (string?)handler["Handler"]).Order());
        Assert.All(Handlers, handler =>
        {
            Assert.Equal("dotnet10", (string?)handler["Runtime"]);
            Assert.Equal(["arm64"], handler["Architectures"]!.AsArray().Select(architecture => (string?)architecture));
            Assert.NotNull(handler["VpcConfig"]);
            Assert.Equal("120", (string?)handler["Environment"]!["Variables"]!["INVOCATION_TIMEOUT_SECONDS"]);
            Assert.Equal(120, (int?)handler["Timeout"]);
        });
    }

    [Fact]
    public void The_rest_endpoint_admits_only_the_registrar_the_healer_and_the_operations_function_and_the_registrar_reaches_only_the_rest_endpoint()
    {
        var groups = View.LogicalIdsOfType("AWS::EC2::SecurityGroup").ToDictionary(id => id, View.Properties);
        var restGroup = groups.Single(pair => ((string?)pair.Value["GroupDescription"])!.Contains("REST API", StringComparison.Ordinal));
        var registrarGroup = groups.Single(pair => ((string?)pair.Value["GroupDescription"])!.StartsWith("Connector registrar", StringComparison.Ordinal));
        var healerGroup = groups.Single(pair => ((string?)pair.Value["GroupDescription"])!.StartsWith("Connector healer", StringComparison.Ordinal));
        var operationsGroup = groups.Single(pair => ((string?)pair.Value["GroupDescription"])!.StartsWith("Connector operations", StringComparison.Ordinal));

        var ingress = Prod.PropertiesOfType("AWS::EC2::SecurityGroupIngress").Where(rule => rule["GroupId"]!.ToJsonString().Contains(restGroup.Key, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, ingress.Count);
        Assert.Single(ingress, rule => rule["SourceSecurityGroupId"]!.ToJsonString().Contains(registrarGroup.Key, StringComparison.Ordinal));
        Assert.Single(ingress, rule => rule["SourceSecurityGroupId"]!.ToJsonString().Contains(healerGroup.Key, StringComparison.Ordinal));
        Assert.Single(ingress, rule => rule["SourceSecurityGroupId"]!.ToJsonString().Contains(operationsGroup.Key, StringComparison.Ordinal));
        Assert.All(ingress, rule => Assert.Equal(8083, (int?)rule["FromPort"]));
        Assert.Null(restGroup.Value["SecurityGroupIngress"]);

        var egress = Assert.Single(Prod.PropertiesOfType("AWS::EC2::SecurityGroupEgress"), rule => rule["GroupId"]!.ToJsonString().Contains(registrarGroup.Key, StringComparison.Ordinal));
        Assert.Contains(restGroup.Key, egress["DestinationSecurityGroupId"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(8083, (int?)egress["ToPort"]);
    }

    [Fact]
    public void The_provider_polls_completion_within_the_framework_limit() =>
        Assert.True(KafkaConnectCdk.Constructs.Kubernetes.ConnectorRegistration.TotalTimeout.ToMinutes() < 60);

    [Fact]
    public void The_stack_outputs_every_connector_state()
    {
        var output = View.Json["Outputs"]?["ConnectorStates"];

        Assert.NotNull(output);
        var text = output.ToJsonString();
        Assert.Contains("fullfillment-json", text, StringComparison.Ordinal);
        Assert.Contains("fullfillment-avro", text, StringComparison.Ordinal);
        Assert.Contains("State", text, StringComparison.Ordinal);
    }
}
