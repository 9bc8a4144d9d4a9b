using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Constructs.Lakehouse;
using KafkaConnectCdk.Tests.TestKit;
using IcebergTablesProperties = KafkaConnectCdk.Contracts.IcebergTablesProperties;

namespace KafkaConnectCdk.Tests.Stacks;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class LakehouseStackTests(SynthesizedPlatform platform)
{
    private Template Template => platform.TemplateOf(platform.Environment("dev").Lakehouse!);

    private TemplateView View => Template.View();

    private IEnumerable<JsonNode> OfType(string type) => View.ResourcesOfType(type);

    [Fact]
    public void The_stack_is_named_after_the_environment() =>
        Assert.Equal("kcc-dev-lakehouse", platform.Environment("dev").Lakehouse!.StackName);

    [Fact]
    public void The_data_bucket_is_kms_encrypted_private_versioned_and_logged() =>
        Template.HasResourceProperties("AWS::S3::Bucket", Match.ObjectLike(new Dictionary<string, object>
        {
            ["BucketEncryption"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["ServerSideEncryptionConfiguration"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object>
                {
                    ["ServerSideEncryptionByDefault"] = Match.ObjectLike(new Dictionary<string, object> { ["SSEAlgorithm"] = "aws:kms" }),
                })]),
            }),
            ["PublicAccessBlockConfiguration"] = new Dictionary<string, object> { ["BlockPublicAcls"] = true, ["BlockPublicPolicy"] = true, ["IgnorePublicAcls"] = true, ["RestrictPublicBuckets"] = true },
            ["VersioningConfiguration"] = new Dictionary<string, object> { ["Status"] = "Enabled" },
            ["LoggingConfiguration"] = Match.ObjectLike(new Dictionary<string, object> { ["LogFilePrefix"] = "lakehouse/" }),
        }));

    [Fact]
    public void Both_buckets_refuse_requests_without_tls()
    {
        var policies = OfType("AWS::S3::BucketPolicy").ToList();

        Assert.Equal(2, policies.Count);
        Assert.All(policies, policy => Assert.Contains("\"aws:SecureTransport\":\"false\"", policy.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_lifecycle_removes_deleted_table_files_and_expires_query_results()
    {
        var rules = OfType("AWS::S3::Bucket").Select(bucket => bucket["Properties"]!["LifecycleConfiguration"]?["Rules"]?.ToJsonString() ?? "").Single(json => json.Contains("warehouse/", StringComparison.Ordinal));

        Assert.Contains("\"Id\":\"remove-deleted-table-files\",\"NoncurrentVersionExpiration\":{\"NoncurrentDays\":7},\"Prefix\":\"warehouse/\"", rules, StringComparison.Ordinal);
        Assert.Contains("\"ExpirationInDays\":30,\"Id\":\"expire-query-results\"", rules, StringComparison.Ordinal);
    }

    [Fact]
    public void The_glue_database_is_named_after_the_environment() =>
        Template.HasResourceProperties("AWS::Glue::Database", Match.ObjectLike(new Dictionary<string, object>
        {
            ["DatabaseInput"] = Match.ObjectLike(new Dictionary<string, object> { ["Name"] = "kcc_dev_lakehouse" }),
        }));

    private JsonObject TablesResource => Assert.Single(OfType(IcebergTablesProperties.ResourceType)).AsObject();

    private IEnumerable<JsonNode> DesiredTables => TablesResource["Properties"]![IcebergTablesProperties.Tables]!.AsArray().Select(table => table!);

    [Fact]
    public void No_table_is_a_cloudformation_glue_table()
    {
        // An update of an AWS::Glue::Table replaces its TableInput and drops table_type and metadata_location (aws/aws-cdk#37560).
        Assert.Empty(OfType("AWS::Glue::Table"));
    }

    [Fact]
    public void Every_landed_table_has_a_changelog_and_a_current_state_iceberg_table_kept_by_the_custom_resource()
    {
        var properties = TablesResource["Properties"]!;

        Assert.Equal("kcc_dev_lakehouse", (string?)properties[IcebergTablesProperties.Database]);
        Assert.Equal("kcc-dev-lakehouse", (string?)properties[IcebergTablesProperties.WorkGroup]);
        Assert.Equal(
            ["fullfillment_avro_test_db_person", "fullfillment_avro_test_db_person_changelog", "fullfillment_test_db_person", "fullfillment_test_db_person_changelog"],
            DesiredTables.Select(table => (string)table[IcebergTablesProperties.TableName]!).Order());
        Assert.All(DesiredTables, table => Assert.Contains(
            $"/warehouse/{table[IcebergTablesProperties.TableName]}", table[IcebergTablesProperties.TableLocation]!.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_changelog_table_has_the_row_and_the_sinks_cdc_struct()
    {
        var changelog = DesiredTables.Single(table => (string)table[IcebergTablesProperties.TableName]! == "fullfillment_test_db_person_changelog");
        var columns = changelog[IcebergTablesProperties.TableColumns]!.AsArray()
            .Select(column => $"{column![IcebergTablesProperties.ColumnName]} {column[IcebergTablesProperties.ColumnType]}");

        Assert.Equal(
            ["id int", "first_name string", "last_name string", "email string", "created_at timestamp", "_cdc struct<op:string,ts:timestamp,offset:bigint,source:string,target:string,key:struct<id:int>>"],
            columns);
    }

    [Fact]
    public void The_tables_are_created_after_the_database_and_the_workgroup_by_the_dotnet_function()
    {
        var dependsOn = TablesResource["DependsOn"]!.AsArray().Select(node => (string)node!).ToList();
        var handler = View.FunctionWithHandler(KafkaConnectCdk.Constructs.Lakehouse.IcebergTables.Handler);

        Assert.Contains(dependsOn, name => (string?)View.Resource(name)["Type"] == "AWS::Glue::Database");
        Assert.Contains(dependsOn, name => (string?)View.Resource(name)["Type"] == "AWS::Athena::WorkGroup");
        Assert.Equal("dotnet10", (string?)handler["Runtime"]);
        Assert.NotNull(handler["VpcConfig"]);
    }

    [Fact]
    public void The_optimizers_and_the_refresh_schedule_wait_for_the_tables()
    {
        var tables = Assert.Single(View.LogicalIdsOfType(IcebergTablesProperties.ResourceType));
        var optimizers = OfType("AWS::Glue::TableOptimizer").ToList();
        // The refresh's schedule; the other rules are the commit events (CommitEvents), which need no table to exist.
        var schedule = Assert.Single(OfType("AWS::Events::Rule"), rule => rule["Properties"]!["ScheduleExpression"] is not null);

        Assert.NotEmpty(optimizers);
        Assert.All(optimizers, optimizer => Assert.Contains(tables, optimizer["DependsOn"]!.AsArray().Select(node => (string?)node)));
        Assert.Contains(tables, schedule["DependsOn"]!.AsArray().Select(node => (string?)node));
    }

    [Fact]
    public void The_tables_function_may_run_ddl_in_the_workgroup_and_change_only_the_lakehouse_tables()
    {
        var statements = View.PolicyStatementsOf(View.LogicalIdOf("TablesHandlersHandlerServiceRole"));
        string Actions(JsonNode? statement) => statement!["Action"]!.ToJsonString();
        IEnumerable<string> ActionList(JsonNode? statement) => statement!["Action"]!.AsArray().Select(action => (string)action!).Order(StringComparer.Ordinal);

        var athena = Assert.Single(statements, statement => Actions(statement).Contains("athena:", StringComparison.Ordinal));
        Assert.Equal(["athena:GetQueryExecution", "athena:StartQueryExecution"], ActionList(athena));
        Assert.Equal("\"arn:aws:athena:eu-west-1:111111111111:workgroup/kcc-dev-lakehouse\"", athena!["Resource"]!.ToJsonString());
        var glue = Assert.Single(statements, statement => Actions(statement).Contains("glue:GetTable", StringComparison.Ordinal));
        Assert.Equal(["glue:CreateTable", "glue:GetDatabase", "glue:GetTable", "glue:UpdateTable"], ActionList(glue));
        // Athena's Glue access guide: every query needs the region's default database (GetDatabase, CreateDatabase);
        // that grant names only the catalog and database/default, never a table.
        var defaultDatabase = Assert.Single(statements, statement => Actions(statement).Contains("glue:CreateDatabase", StringComparison.Ordinal));
        Assert.Equal(["glue:CreateDatabase", "glue:GetDatabase"], ActionList(defaultDatabase));
        Assert.Contains("database/default", defaultDatabase!["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("table/", defaultDatabase["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("table/kcc_dev_lakehouse/*", glue!["Resource"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(statements, statement => Actions(statement).Contains("glue:Delete", StringComparison.Ordinal));
        Assert.Contains(statements, statement => Actions(statement).Contains("kms:Decrypt", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_table_has_compaction_snapshot_retention_and_orphan_file_deletion()
    {
        var optimizers = OfType("AWS::Glue::TableOptimizer").Select(optimizer => optimizer["Properties"]!).ToList();

        Assert.Equal(4 * TableMaintenance.OptimizerTypes.Count, optimizers.Count);
        Assert.All(optimizers.GroupBy(optimizer => (string)optimizer["TableName"]!), group =>
            Assert.Equal(["compaction", "orphan_file_deletion", "retention"], group.Select(optimizer => (string)optimizer["Type"]!).Order()));
        Assert.Contains(optimizers, optimizer => optimizer["TableOptimizerConfiguration"]!.ToJsonString().Contains(
            "\"RetentionConfiguration\":{\"IcebergConfiguration\":{\"CleanExpiredFiles\":true,\"NumberOfSnapshotsToRetain\":10,\"SnapshotRetentionPeriodInDays\":7}}", StringComparison.Ordinal));
    }

    [Fact]
    public void The_optimizers_role_is_assumed_by_glue() =>
        Template.HasResourceProperties("AWS::IAM::Role", Match.ObjectLike(new Dictionary<string, object>
        {
            ["AssumeRolePolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object> { ["Principal"] = new Dictionary<string, object> { ["Service"] = "glue.amazonaws.com" } })]),
            }),
        }));

    [Fact]
    public void The_athena_workgroup_enforces_encrypted_results_on_engine_3() =>
        Template.HasResourceProperties("AWS::Athena::WorkGroup", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Name"] = "kcc-dev-lakehouse",
            ["WorkGroupConfiguration"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["EnforceWorkGroupConfiguration"] = true,
                ["EngineVersion"] = new Dictionary<string, object> { ["SelectedEngineVersion"] = "Athena engine version 3" },
                ["ResultConfiguration"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["EncryptionConfiguration"] = Match.ObjectLike(new Dictionary<string, object> { ["EncryptionOption"] = "SSE_KMS" }),
                }),
            }),
        }));

    [Fact]
    public void The_refresh_runs_one_merge_per_table_through_the_native_athena_integration()
    {
        var definition = StateMachineDefinition();
        var branches = definition["States"]!["Refresh current state"]!["Branches"]!.AsArray();

        Assert.Equal(2, branches.Count);
        Assert.All(branches, branch =>
        {
            var task = ((JsonObject)branch!["States"]!).Single().Value!;
            Assert.Equal("arn:aws:states:::athena:startQueryExecution.sync", (string?)task["Resource"]);
            Assert.Equal("kcc-dev-lakehouse", (string?)task["Parameters"]!["WorkGroup"]);
            Assert.StartsWith("MERGE INTO \"kcc_dev_lakehouse\".", (string?)task["Parameters"]!["QueryString"], StringComparison.Ordinal);
            Assert.Equal(3, (int?)task["Retry"]![0]!["MaxAttempts"]);
        });
    }

    [Fact]
    public void The_refresh_runs_on_the_configured_schedule() =>
        Template.HasResourceProperties("AWS::Events::Rule", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ScheduleExpression"] = "rate(15 minutes)",
            ["State"] = "ENABLED",
        }));

    [Fact]
    public void The_refresh_logs_every_execution_and_traces() =>
        Template.HasResourceProperties("AWS::StepFunctions::StateMachine", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TracingConfiguration"] = new Dictionary<string, object> { ["Enabled"] = true },
            ["LoggingConfiguration"] = Match.ObjectLike(new Dictionary<string, object> { ["Level"] = "ALL", ["IncludeExecutionData"] = true }),
        }));

    [Fact]
    public void The_refresh_role_may_run_queries_only_in_the_lakehouse_workgroup()
    {
        var statements = View.PolicyStatementsOf(View.LogicalIdOf("RefreshStateMachineRole"));
        var athena = statements.Where(statement => statement!["Action"]!.ToJsonString().Contains("athena:StartQueryExecution", StringComparison.Ordinal)).ToList();

        var statement = Assert.Single(athena);
        Assert.Equal("\"arn:aws:athena:eu-west-1:111111111111:workgroup/kcc-dev-lakehouse\"", statement!["Resource"]!.ToJsonString());
    }

    private JsonNode StateMachineDefinition()
    {
        // Every value of the definition is known at synth time: CloudFormation receives it as one literal string.
        var definition = OfType("AWS::StepFunctions::StateMachine").Single()["Properties"]!["DefinitionString"]!;
        return JsonNode.Parse((string)definition!)!;
    }
}

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class LakehouseMonitoringTests(SynthesizedPlatform platform)
{
    private Template Operations => platform.TemplateOf(platform.Environment("dev").Operations);

    [Fact]
    public void A_failed_timed_out_or_aborted_refresh_raises_an_alarm_to_the_alarm_topic()
    {
        var alarm = Operations.PropertiesOfType("AWS::CloudWatch::Alarm")
            .Single(candidate => ((string)candidate["AlarmDescription"]!).Contains("current-state refresh failed", StringComparison.Ordinal));
        var metrics = alarm["Metrics"]!.ToJsonString();

        Assert.Contains(alarm["Metrics"]!.AsArray(), metric => (string?)metric!["Expression"] == "failed + timedOut + aborted");
        Assert.All(new[] { "ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted" }, name => Assert.Contains($"\"MetricName\":\"{name}\"", metrics, StringComparison.Ordinal));
        Assert.Contains("\"Namespace\":\"AWS/States\"", metrics, StringComparison.Ordinal);
        Assert.Equal(0, (double?)alarm["Threshold"]);
        Assert.Contains("AlarmTopic", alarm["AlarmActions"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_dashboard_shows_the_refresh_executions() =>
        Assert.Contains("Lakehouse refresh executions", Operations.PropertiesOfType("AWS::CloudWatch::Dashboard").Single()["DashboardBody"]!.ToJsonString(), StringComparison.Ordinal);
}
