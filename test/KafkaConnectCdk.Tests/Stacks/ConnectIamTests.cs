using System.Text.Json.Nodes;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

/// <summary>The Connect workers' role grants exactly what the configured connectors need.</summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class ConnectIamTests(SynthesizedPlatform platform)
{
    private TemplateView Prod => platform.ViewOf(platform.Environment("prod").Connect);

    private IReadOnlyList<JsonObject> Statements
    {
        get
        {
            var role = Prod.LogicalIdOf("WorkerIdentityRole");
            Assert.Single(Prod.PoliciesOf(role));
            return Prod.PolicyStatementsOf(role);
        }
    }

    private JsonNode StatementWith(string action) => Statements.Single(statement => TemplateView.ActionsOf(statement).Contains(action));

    private static IReadOnlyList<string> Resources(JsonNode statement) => TemplateView.ResourcesOf(statement);

    /// <summary>The topic or group name: the last part of the Fn::Join that builds its ARN.</summary>
    private static IReadOnlyList<string> KafkaResourceNames(JsonNode statement) =>
        [.. ((JsonArray)statement["Resource"]!).Select(resource => ((string)resource!["Fn::Join"]![1]!.AsArray().Last()!).TrimStart('/')).Order()];

    [Fact]
    public void The_role_is_assumed_only_through_eks_pod_identity()
    {
        var template = platform.TemplateOf(platform.Environment("prod").Connect);

        template.HasResourceProperties("AWS::EKS::PodIdentityAssociation", new Dictionary<string, object>
        {
            ["Namespace"] = "kafka-connect",
            ["ServiceAccount"] = "cdc-connect",
        });
    }

    [Fact]
    public void Cluster_actions_apply_to_this_msk_cluster_only()
    {
        var statement = StatementWith("kafka-cluster:Connect");

        Assert.Contains("KafkaCluster", Assert.Single(Resources(statement)), StringComparison.Ordinal);
    }

    private IReadOnlyList<string> KafkaResourceNamesWith(string action) =>
        [.. Statements.Where(statement => TemplateView.ActionsOf(statement).Contains(action)).SelectMany(KafkaResourceNames).Order(StringComparer.Ordinal)];

    [Fact]
    public void Topic_actions_cover_the_internal_data_history_heartbeat_and_iceberg_control_topics_only()
    {
        var topics = KafkaResourceNamesWith("kafka-cluster:WriteData");

        Assert.Equal(
        [
            "__debezium-heartbeat.fullfillment", "__debezium-heartbeat.fullfillment_avro", "__iceberg-control.fullfillment", "__iceberg-control.fullfillment_avro",
            "fullfillment", "fullfillment.*", "fullfillment.schema-history",
            "fullfillment_avro", "fullfillment_avro.*", "fullfillment_avro.schema-history", "kcc-prod-connect-configs", "kcc-prod-connect-offsets", "kcc-prod-connect-status",
        ], topics);
    }

    [Fact]
    public void Topic_actions_of_the_sources_are_unchanged_by_the_sinks()
    {
        var topics = KafkaResourceNames(StatementWith("kafka-cluster:DescribeTopicDynamicConfiguration"));

        Assert.Equal(
        [
            "__debezium-heartbeat.fullfillment", "__debezium-heartbeat.fullfillment_avro", "fullfillment", "fullfillment.*", "fullfillment.schema-history",
            "fullfillment_avro", "fullfillment_avro.*", "fullfillment_avro.schema-history", "kcc-prod-connect-configs", "kcc-prod-connect-offsets", "kcc-prod-connect-status",
        ], topics);
    }

    [Fact]
    public void Group_actions_cover_the_connect_group_and_the_schema_history_consumers_only()
    {
        var groups = KafkaResourceNamesWith("kafka-cluster:AlterGroup");

        // The Iceberg sinks' groups: connect-<sink>, connect-<sink>-coord and cg-control-<sink>-<uuid> (apache/iceberg 1.11.0
        // IcebergSinkConfig.connectGroupId(), channel/Coordinator.java, channel/Worker.java).
        Assert.Equal(
        [
            "cg-control-fullfillment-avro-iceberg-*", "cg-control-fullfillment-json-iceberg-*",
            "connect-fullfillment-avro-iceberg", "connect-fullfillment-avro-iceberg-coord", "connect-fullfillment-json-iceberg", "connect-fullfillment-json-iceberg-coord",
            "fullfillment-schemahistory", "fullfillment_avro-schemahistory", "kcc-prod-connect",
        ], groups);
    }

    /// <summary>The lakehouse bucket is SSE-KMS with its own key: S3FileIO's PutObject needs a data key, GetObject decrypts it.</summary>
    [Fact]
    public void The_iceberg_sinks_may_use_only_the_lakehouse_key_and_only_for_data_keys()
    {
        var statement = StatementWith("kms:GenerateDataKey");

        Assert.Equal("[\"kms:Decrypt\",\"kms:GenerateDataKey\"]", statement["Action"]!.ToJsonString());
        Assert.Contains("StorageKey", Assert.Single(Resources(statement)), StringComparison.Ordinal);
        Assert.Contains("kcc-prod-lakehouse", Assert.Single(Resources(statement)), StringComparison.Ordinal);
    }

    [Fact]
    public void Glue_actions_are_scoped_to_this_registry_except_get_schema_version()
    {
        var scoped = StatementWith("glue:RegisterSchemaVersion");
        var unscoped = StatementWith("glue:GetSchemaVersion");

        Assert.All(Resources(scoped), resource => Assert.Contains("kcc-prod", resource, StringComparison.Ordinal));
        Assert.Equal("\"*\"", Assert.Single(Resources(unscoped)));
        Assert.Equal("\"glue:GetSchemaVersion\"", unscoped["Action"]!.ToJsonString());
    }

    [Fact]
    public void The_connector_secret_is_readable_and_the_master_secret_is_not()
    {
        var statement = StatementWith("secretsmanager:GetSecretValue");

        Assert.Contains("ConnectorSecret", Assert.Single(Resources(statement)), StringComparison.Ordinal);
        Assert.DoesNotContain(Statements, candidate => candidate.ToJsonString().Contains("MasterUserSecret", StringComparison.Ordinal));
        Assert.Single(Statements, candidate => TemplateView.ActionsOf(candidate).Contains("kms:Decrypt")
            && candidate.ToJsonString().Contains("secretsmanager.eu-west-1.amazonaws.com", StringComparison.Ordinal));
    }

    [Fact]
    public void No_statement_other_than_get_schema_version_uses_a_bare_wildcard() =>
        Assert.All(Statements.Where(statement => statement["Action"]!.ToJsonString() != "\"glue:GetSchemaVersion\""),
            statement => Assert.DoesNotContain("\"*\"", Resources(statement)));
}
