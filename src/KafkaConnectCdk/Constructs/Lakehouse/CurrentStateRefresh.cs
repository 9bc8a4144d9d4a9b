using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.StepFunctions;
using Cdklabs.CdkNag;
using Constructs;
using KafkaConnectCdk.Compliance;
using KafkaConnectCdk.Constructs.Shared;
using KafkaConnectCdk.Lakehouse;

namespace KafkaConnectCdk.Constructs.Lakehouse;

/// <param name="NamePrefix">e.g. <c>kcc-dev</c>: the state machine is <c>kcc-dev-lakehouse-refresh</c>.</param>
/// <param name="Schedule">EventBridge schedule expression, validated by the configuration.</param>
public sealed record CurrentStateRefreshProps(
    string NamePrefix,
    string Schedule,
    AthenaWorkGroup WorkGroup,
    IcebergTables Tables,
    IReadOnlyList<LandedTable> Landed,
    IBucket Bucket,
    IKey Key,
    RemovalPolicy LogRemovalPolicy,
    RetentionDays LogRetention);

/// <summary>
/// Brings every current-state table up to date from its changelog on a schedule: a Step Functions state machine whose
/// tasks are Step Functions' own Athena integration, <c>arn:aws:states:::athena:startQueryExecution.sync</c>
/// (https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html), one <c>MERGE INTO</c> per table in
/// parallel, each retried on failure (Iceberg commit conflicts with the optimizers are transient). No custom code.
/// </summary>
public sealed class CurrentStateRefresh : Construct
{
    /// <summary>The Athena integration's resource, waiting for the query to finish (.sync).</summary>
    public const string AthenaSyncResource = "arn:aws:states:::athena:startQueryExecution.sync";

    public CurrentStateRefresh(Construct scope, string id, CurrentStateRefreshProps props) : base(scope, id)
    {
        var stack = Stack.Of(this);
        var parallel = new Amazon.CDK.AWS.StepFunctions.Parallel(this, "Refresh current state", new ParallelProps { ResultPath = JsonPath.DISCARD });
        foreach (var table in props.Landed)
        {
            parallel.Branch(new CustomState(this, $"Merge {table.CurrentStateName}", new CustomStateProps
            {
                StateJson = new Dictionary<string, object>
                {
                    ["Type"] = "Task",
                    ["Resource"] = AthenaSyncResource,
                    ["Parameters"] = new Dictionary<string, object>
                    {
                        ["QueryString"] = MergeStatement.For(props.Tables.DatabaseName, table),
                        ["WorkGroup"] = props.WorkGroup.Name,
                        ["QueryExecutionContext"] = new Dictionary<string, object> { ["Catalog"] = "AwsDataCatalog", ["Database"] = props.Tables.DatabaseName },
                    },
                    ["ResultPath"] = null!,
                    ["Retry"] = new object[]
                    {
                        new Dictionary<string, object> { ["ErrorEquals"] = new[] { "States.ALL" }, ["IntervalSeconds"] = 30, ["MaxAttempts"] = 3, ["BackoffRate"] = 2 },
                    },
                },
            }));
        }

        var logKey = RotatingKeys.Create(this, "LogKey", $"Encrypts the execution logs of {props.NamePrefix}'s current-state refresh", RemovalPolicy.RETAIN, encryptsLogs: true);
        var logs = new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = $"/aws/vendedlogs/states/{props.NamePrefix}-lakehouse-refresh",
            EncryptionKey = logKey,
            Retention = props.LogRetention,
            RemovalPolicy = props.LogRemovalPolicy,
        });
        StateMachine = new StateMachine(this, "StateMachine", new StateMachineProps
        {
            StateMachineName = $"{props.NamePrefix}-lakehouse-refresh",
            Comment = "MERGE INTO every current-state table from its changelog",
            DefinitionBody = DefinitionBody.FromChainable(parallel),
            Timeout = Duration.Hours(1),
            TracingEnabled = true,
            Logs = new LogOptions { Destination = logs, Level = LogLevel.ALL, IncludeExecutionData = true },
        });
        Grant(StateMachine.Role, props, stack);

        Schedule = new Rule(this, "Schedule", new RuleProps
        {
            Description = "Starts the current-state refresh of the lakehouse",
            Schedule = Amazon.CDK.AWS.Events.Schedule.Expression(props.Schedule),
            Targets = [new Amazon.CDK.AWS.Events.Targets.SfnStateMachine(StateMachine)],
        });
        // The first MERGE must find both tables of every landed table.
        Schedule.Node.AddDependency(props.Tables.Resource);

        NagSuppressions.AddResourceSuppressions(StateMachine, [
            NagSuppression.StepFunctionsLogDelivery,
            NagSuppression.LakehouseTablePrefixes,
        ], applyToChildren: true);
    }

    public StateMachine StateMachine { get; }

    public Rule Schedule { get; }

    /// <summary>
    /// What an Athena MERGE on Glue Iceberg tables needs, and no more: run and watch queries in this workgroup, read
    /// and update this database's tables, read and write their files and the results, with the lakehouse key.
    /// </summary>
    private static void Grant(IRole role, CurrentStateRefreshProps props, Stack stack)
    {
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["athena:StartQueryExecution", "athena:GetQueryExecution", "athena:StopQueryExecution", "athena:GetWorkGroup"],
            Resources = [stack.FormatArn(new ArnComponents { Service = "athena", Resource = "workgroup", ResourceName = props.WorkGroup.Name })],
        }));
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["athena:GetDataCatalog"],
            Resources = [stack.FormatArn(new ArnComponents { Service = "athena", Resource = "datacatalog", ResourceName = "AwsDataCatalog" })],
        }));
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["glue:GetDatabase", "glue:GetTable", "glue:UpdateTable"],
            Resources =
            [
                stack.FormatArn(new ArnComponents { Service = "glue", Resource = "catalog" }),
                stack.FormatArn(new ArnComponents { Service = "glue", Resource = "database", ResourceName = props.Tables.DatabaseName }),
                stack.FormatArn(new ArnComponents { Service = "glue", Resource = "table", ResourceName = $"{props.Tables.DatabaseName}/*" }),
            ],
        }));
        props.Bucket.GrantReadWrite(role, LakehouseNames.WarehousePrefix + "/*");
        props.Bucket.GrantReadWrite(role, LakehouseNames.QueryResultsPrefix + "/*");
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:GetBucketLocation"],
            Resources = [props.Bucket.BucketArn],
        }));
        props.Key.GrantEncryptDecrypt(role);
    }
}
