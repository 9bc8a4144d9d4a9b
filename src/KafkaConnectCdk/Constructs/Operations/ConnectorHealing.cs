using KafkaConnectCdk.Contracts;
using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Constructs.Operations;

public sealed record ConnectorHealingProps(
    IVpc Vpc,
    ISecurityGroup RestEndpointSecurityGroup,
    string RestHostname,
    string ConnectClusterName,
    string ManagementMode,
    IReadOnlyList<string> ConnectorNames,
    ConnectorHealingConfig Policy,
    Construct StartAfter,
    RetentionDays LogRetention);

/// <summary>
/// The connector healer: a C# Lambda run every minute that reads every connector's status, restarts failed ones with
/// exponential backoff and an hourly cap (rest mode; in strimzi mode Strimzi's auto-restart does that and the healer
/// only reports), and publishes per-connector task counts and restarts as CloudWatch metrics (EMF). Its memory of
/// earlier restarts is one item per cluster in an encrypted DynamoDB table.
/// </summary>
public sealed class ConnectorHealing : Construct
{
    public const string Project = "lambda/ConnectorHealer";
    public const string Handler = "ConnectorHealer::ConnectorHealer.Function::Handle";
    public static readonly Duration Timeout = Duration.Seconds(50);
    public static readonly Duration Interval = Duration.Minutes(1);

    public ConnectorHealing(Construct scope, string id, ConnectorHealingProps props) : base(scope, id)
    {
        var restarts = props.ManagementMode == ConnectorManagementModes.Rest;
        SecurityGroup = SingleTargetSecurityGroup.Create(this, props.Vpc, "Connector healer", "reaches the Kafka Connect REST endpoint and DynamoDB",
            props.RestEndpointSecurityGroup, ConnectClusterNames.RestPort, "Kafka Connect REST API");

        var functions = new DotnetVpcFunctions(this, "Handler", new DotnetVpcFunctionsProps(
            "Kafka Connect connector healer", Project, props.Vpc, SecurityGroup, Timeout, props.LogRetention));
        Function = functions.Add("Function", Handler);
        Function.AddEnvironment(HealerEnvironment.ConnectUrl, $"http://{props.RestHostname}:{ConnectClusterNames.RestPort}/");
        Function.AddEnvironment(HealerEnvironment.ConnectCluster, props.ConnectClusterName);
        Function.AddEnvironment(HealerEnvironment.ExpectedConnectors, string.Join(",", props.ConnectorNames));
        Function.AddEnvironment(HealerEnvironment.HealingMode, restarts ? HealerEnvironment.RestartMode : HealerEnvironment.ObserveMode);
        Function.AddEnvironment(HealerEnvironment.MaxRestartsPerHour, Text(props.Policy.MaxRestartsPerHour));
        Function.AddEnvironment(HealerEnvironment.FirstBackoffSeconds, Text(props.Policy.FirstBackoffSeconds));
        Function.AddEnvironment(HealerEnvironment.MaxBackoffSeconds, Text(props.Policy.MaxBackoffSeconds));
        Function.AddEnvironment(HealerEnvironment.StableAfterSeconds, Text(props.Policy.StableAfterSeconds));

        if (restarts)
        {
            var key = RotatingKeys.Create(this, "StateKey", "Encrypts the connector healer's memory of restarts", RemovalPolicy.DESTROY);
            StateTable = new Table(this, "State", new TableProps
            {
                PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "cluster", Type = AttributeType.STRING },
                BillingMode = BillingMode.PAY_PER_REQUEST,
                Encryption = TableEncryption.CUSTOMER_MANAGED,
                EncryptionKey = key,
                PointInTimeRecoverySpecification = new PointInTimeRecoverySpecification { PointInTimeRecoveryEnabled = true },
                // Only the last hour's restarts: losing it costs at most one extra round of restarts.
                RemovalPolicy = RemovalPolicy.DESTROY,
            });
            Function.AddEnvironment(HealerEnvironment.StateTable, StateTable.TableName);
            StateTable.Grant(Function, "dynamodb:GetItem", "dynamodb:PutItem");
            // The table key by exact action: DynamoDB encrypts and decrypts items with it on the caller's behalf.
            key.Grant(Function, "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey");
            // DynamoDB through the VPC's gateway endpoint, whose prefix list is not known at synth time without a lookup.
            SecurityGroup.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443), "DynamoDB, through its gateway endpoint");
        }

        Schedule = new Rule(this, "Schedule", new RuleProps
        {
            Description = "Runs the connector healer every minute",
            Schedule = Amazon.CDK.AWS.Events.Schedule.Rate(Interval),
            Targets =
            [
                // A missed run is not retried: the next one comes a minute later with fresher statuses.
                new LambdaFunction(Function, new LambdaFunctionProps { RetryAttempts = 0, MaxEventAge = Duration.Minutes(1) }),
            ],
        });
        // After registration: until then the registrar owns the connectors and their first failures.
        Schedule.Node.AddDependency(props.StartAfter);
    }

    public ISecurityGroup SecurityGroup { get; }

    public Function Function { get; }

    /// <summary>Null in strimzi mode, where nothing is restarted and nothing needs remembering.</summary>
    public Table? StateTable { get; }

    public Rule Schedule { get; }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
