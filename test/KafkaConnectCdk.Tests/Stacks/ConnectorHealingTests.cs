using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Constructs.Operations;
using KafkaConnectCdk.Constructs.Shared;
using KafkaConnectCdk.Platform;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class ConnectorHealingTests(SynthesizedPlatform platform)
{
    private Template Prod => platform.TemplateOf(platform.Environment("prod").Connect);

    private static JsonObject Healer(Template template) => template.View().FunctionWithHandler(ConnectorHealing.Handler);

    private static JsonObject Variables(JsonObject function) => function["Environment"]!["Variables"]!.AsObject();

    [Fact]
    public void The_healer_runs_every_minute_on_dotnet10_arm64_inside_the_vpc_without_retries()
    {
        var healer = Healer(Prod);
        var rule = Assert.Single(Prod.PropertiesOfType("AWS::Events::Rule"));

        Assert.Equal("dotnet10", (string?)healer["Runtime"]);
        Assert.Equal("arm64", (string?)healer["Architectures"]![0]);
        Assert.NotNull(healer["VpcConfig"]);
        Assert.Equal("rate(1 minute)", (string?)rule["ScheduleExpression"]);
        Assert.Equal(0, (int?)rule["Targets"]![0]!["RetryPolicy"]!["MaximumRetryAttempts"]);
        Assert.True((int?)healer["Timeout"] < 60, "a run must end before the next one starts");
    }

    [Fact]
    public void The_healer_gets_its_policy_and_connectors_from_the_configuration()
    {
        var variables = Variables(Healer(Prod));
        var healing = platform.Configuration.Platform.Environments.Single(environment => environment.Name == "prod").Operations.Healing;

        Assert.Equal("restart", (string?)variables["HEALING_MODE"]);
        Assert.Equal("kcc-prod", (string?)variables["CONNECT_CLUSTER"]);
        Assert.Equal("fullfillment-json,fullfillment-avro,fullfillment-json-iceberg,fullfillment-avro-iceberg", (string?)variables["EXPECTED_CONNECTORS"]);
        Assert.Equal(healing.MaxRestartsPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)variables["MAX_RESTARTS_PER_HOUR"]);
        Assert.Equal(healing.FirstBackoffSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)variables["FIRST_BACKOFF_SECONDS"]);
        Assert.Contains(":8083/", variables["CONNECT_URL"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(variables["STATE_TABLE"]);
    }

    [Fact]
    public void The_healer_memory_is_an_encrypted_recoverable_on_demand_table()
    {
        var table = Assert.Single(Prod.PropertiesOfType("AWS::DynamoDB::Table"));

        Assert.Equal("PAY_PER_REQUEST", (string?)table["BillingMode"]);
        Assert.Equal("KMS", (string?)table["SSESpecification"]!["SSEType"]);
        Assert.NotNull(table["SSESpecification"]!["KMSMasterKeyId"]);
        Assert.True((bool?)table["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]);
        Assert.Equal("cluster", (string?)table["KeySchema"]![0]!["AttributeName"]);
    }

    [Fact]
    public void The_healer_may_only_read_and_write_items_of_its_table()
    {
        var view = Prod.View();
        var role = view.LogicalIdOf("HealerHandlerFunctionServiceRole");
        var policy = Assert.Single(view.PoliciesOf(role));
        var actions = view.PolicyStatementsOf(role).SelectMany(TemplateView.ActionsOf).Order();

        Assert.Equal(["dynamodb:GetItem", "dynamodb:PutItem", "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"], actions);
        Assert.DoesNotContain("\"*\"", policy.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_rest_endpoint_admits_the_healer_on_8083()
    {
        var ingress = Prod.PropertiesOfType("AWS::EC2::SecurityGroupIngress");

        Assert.Contains(ingress, rule => (string?)rule["Description"] == "Connector healer" && (int?)rule["FromPort"] == 8083 && (int?)rule["ToPort"] == 8083);
    }

    [Fact]
    public void The_lambda_asset_hash_covers_the_shared_projects()
    {
        var closure = DotnetLambdaCode.ProjectClosure(RepositoryPaths.Of(ConnectorHealing.Project)).Select(directory => Path.GetRelativePath(RepositoryPaths.Root, directory));

        // lambda/Contracts: the names the app writes into the function's environment, shared with the app.
        Assert.Equal(["lambda/ConnectRest", "lambda/ConnectorHealer", "lambda/Contracts", "lambda/CustomResources"], closure.Order(StringComparer.Ordinal));
        Assert.Equal(DotnetLambdaCode.SourceHash(RepositoryPaths.Of(ConnectorHealing.Project)), DotnetLambdaCode.SourceHash(RepositoryPaths.Of(ConnectorHealing.Project)));
        Assert.NotEqual(DotnetLambdaCode.SourceHash(RepositoryPaths.Of(ConnectorHealing.Project)), DotnetLambdaCode.SourceHash(RepositoryPaths.Of("lambda/ConnectorRegistrar")));
    }

    [Fact]
    public void In_strimzi_mode_the_healer_only_observes_and_keeps_no_table()
    {
        var configuration = PlatformConfigLoader.FromJson("""
            { "project": "kcc", "environments": [ { "name": "lab", "account": "333333333333", "region": "eu-west-1",
              "kubernetes": { "adminPrincipalArn": "arn:aws:iam::111111111111:role/PlatformAdmin" },
              "network": { "cidr": "10.30.0.0/16", "interfaceEndpoints": false },
              "connect": { "managementMode": "strimzi", "connectors": [ { "name": "orders", "topicPrefix": "orders", "databases": ["shop"], "tables": ["shop.orders"], "format": "json" } ] } } ] }
            """);
        var app = new App(new AppProps { Context = CdkContext.FromCdkJson(context => context.Remove("platform")) });
        var stacks = PlatformApp.Compose(app, configuration, controlTower: false).Environments.Single();
        var connect = Template.FromStack(stacks.Connect);
        var operations = Template.FromStack(stacks.Operations);

        Assert.Equal("observe", (string?)Variables(Healer(connect))["HEALING_MODE"]);
        connect.ResourceCountIs("AWS::DynamoDB::Table", 0);
        Assert.DoesNotContain(operations.PropertiesOfType("AWS::CloudWatch::Alarm"), alarm => ((string?)alarm["AlarmDescription"])!.Contains("restarts this hour", StringComparison.Ordinal));
        Assert.Contains(operations.PropertiesOfType("AWS::CloudWatch::Alarm"), alarm => ((string?)alarm["AlarmDescription"])!.Contains("connector orders has failed tasks", StringComparison.Ordinal));
    }

    [Fact]
    public void The_healer_metric_names_are_the_ones_the_lambda_publishes()
    {
        Assert.Equal(ConnectorHealer.ConnectorMetrics.Namespace, PlatformMetrics.HealerNamespace);
        Assert.Equal(ConnectorHealer.ConnectorMetrics.RunningTasks, PlatformMetrics.Healer.RunningTasks);
        Assert.Equal(ConnectorHealer.ConnectorMetrics.FailedTasks, PlatformMetrics.Healer.FailedTasks);
        Assert.Equal(ConnectorHealer.ConnectorMetrics.Restarts, PlatformMetrics.Healer.Restarts);
        Assert.Equal(ConnectorHealer.ConnectorMetrics.RestartCapReached, PlatformMetrics.Healer.RestartCapReached);
        var metric = PlatformMetrics.Connector(PlatformMetrics.Healer.FailedTasks, "kcc-dev", "orders");
        Assert.Equal([ConnectorHealer.ConnectorMetrics.ClusterDimension, ConnectorHealer.ConnectorMetrics.ConnectorDimension], metric.Dimensions!.Keys.Order());
    }
}
