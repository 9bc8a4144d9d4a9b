using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using CfnRule = Amazon.CDK.AWS.Events.CfnRule;
using CfnRuleProps = Amazon.CDK.AWS.Events.CfnRuleProps;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Constructs;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Constructs.Lakehouse;

/// <param name="NamePrefix">e.g. <c>kcc-dev</c>: the log group is <c>/aws/events/kcc-dev-lakehouse-commits</c>.</param>
/// <param name="DatabaseName">The Glue database the sinks commit to.</param>
/// <param name="Sinks">The Iceberg sinks, each with the changelog tables it commits.</param>
public sealed record CommitEventsProps(string NamePrefix, string DatabaseName, IReadOnlyList<IcebergSinkDefinition> Sinks, RetentionDays LogRetention, RemovalPolicy LogRemovalPolicy);

/// <summary>
/// Makes every Iceberg commit visible. An Iceberg commit through the Glue catalog is a Glue UpdateTable that swaps the
/// table's metadata_location (GlueTableOperations.doCommit, apache/iceberg aws/); a commit that fails (the concurrent
/// update of apache/iceberg#15878, which the 1.11.0 coordinator only logs) makes no UpdateTable. Glue sends a
/// "Glue Data Catalog Table State Change" event with typeOfChange UpdateTable for each (AWS Glue developer guide,
/// "Automating AWS Glue with EventBridge"; best effort). One rule per sink matches its changelog tables: the rule's
/// AWS/Events TriggeredRules metric counts its commits, and its target log group keeps one record per commit, so the
/// dashboard can show each table's latest commit.
/// </summary>
public sealed class CommitEvents : Construct
{
    public const string GlueEventSource = "aws.glue";
    public const string TableStateChange = "Glue Data Catalog Table State Change";
    public const string UpdateTable = "UpdateTable";

    public CommitEvents(Construct scope, string id, CommitEventsProps props) : base(scope, id)
    {
        var key = RotatingKeys.Create(this, "LogKey", $"Encrypts the Iceberg commit events of {props.NamePrefix}'s lakehouse", RemovalPolicy.RETAIN, encryptsLogs: true);
        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            // The /aws/events/ prefix is where EventBridge's console expects its log targets.
            LogGroupName = $"/aws/events/{props.NamePrefix}-lakehouse-commits",
            EncryptionKey = key,
            Retention = props.LogRetention,
            RemovalPolicy = props.LogRemovalPolicy,
        });
        // EventBridge writes to CloudWatch Logs targets under the log group's resource policy, never a role
        // (EventBridge user guide, "Using resource-based policies for Amazon EventBridge", CloudWatch Logs permissions).
        // LogGroup.addToResourcePolicy makes an AWS::Logs::ResourcePolicy; the events L2 target would add a Lambda for it.
        // Resource policies are per account and region (CloudWatch Logs allows a few): one per environment.
        LogGroup.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [new ServicePrincipal("events.amazonaws.com"), new ServicePrincipal("delivery.logs.amazonaws.com")],
            Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resources = [LogGroup.LogGroupArn],
        }));

        // A log group's GetAtt Arn ends in ":*"; an EventBridge target names the group without it, as aws-cdk-lib's own
        // CloudWatchLogGroup target does (aws-events-targets/lib/log-group.ts, formatArn with COLON_RESOURCE_NAME).
        TargetArn = Stack.Of(this).FormatArn(new ArnComponents
        {
            Service = "logs",
            Resource = "log-group",
            ResourceName = LogGroup.LogGroupName,
            ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
        });
        var rules = new Dictionary<string, CfnRule>();
        foreach (var sink in props.Sinks)
        {
            var name = IcebergSinkConnectorConfig.Name(sink.Source);
            rules.Add(name, new CfnRule(this, $"Commits-{sink.Source.Name}", new CfnRuleProps
            {
                Description = $"Iceberg commits of {name}: Glue UpdateTable of its changelog tables",
                State = "ENABLED",
                EventPattern = Pattern(props.DatabaseName, sink),
                Targets = new object[] { new CfnRule.TargetProperty { Id = "commit-log", Arn = TargetArn } },
            }));
        }

        Rules = rules;
    }

    public LogGroup LogGroup { get; }

    /// <summary>The log group as an EventBridge target: its ARN without the trailing <c>:*</c>.</summary>
    public string TargetArn { get; }

    /// <summary>The commit rule of each sink, by sink connector name.</summary>
    public IReadOnlyDictionary<string, CfnRule> Rules { get; }

    /// <summary>The event pattern of a sink's commits: its database, its changelog tables, UpdateTable only.</summary>
    public static Dictionary<string, object> Pattern(string databaseName, IcebergSinkDefinition sink) => new()
    {
        ["source"] = new[] { GlueEventSource },
        ["detail-type"] = new[] { TableStateChange },
        ["detail"] = new Dictionary<string, object>
        {
            ["databaseName"] = new[] { databaseName },
            ["tableName"] = sink.Tables.Select(table => table.ChangelogName).ToArray(),
            ["typeOfChange"] = new[] { UpdateTable },
        },
    };

    /// <summary>Commits a rule saw (AWS/Events TriggeredRules, RuleName; sent only when non-zero).</summary>
    public static Metric CommitCount(CfnRule rule, Duration period, string label) => new(new MetricProps
    {
        Namespace = "AWS/Events",
        MetricName = "TriggeredRules",
        DimensionsMap = new Dictionary<string, string> { ["RuleName"] = rule.Ref },
        Statistic = "Sum",
        Period = period,
        Label = label,
    });
}
