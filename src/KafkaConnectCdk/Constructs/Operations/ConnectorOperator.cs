using KafkaConnectCdk.Contracts;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Constructs.Database;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Constructs.Operations;

public sealed record ConnectorOperatorProps(
    string NamePrefix,
    IVpc Vpc,
    ISecurityGroup RestEndpointSecurityGroup,
    string RestHostname,
    CdcDatabase Database,
    string ManagementMode,
    RetentionDays LogRetention);

/// <summary>
/// The operators' IAM-authenticated entry point to the connectors: a C# Lambda in the VPC (scripts/connector-ops.sh
/// invokes it with <c>aws lambda invoke</c>) that reads statuses, restarts failed tasks, pauses, resumes and stops
/// connectors, changes offsets through Kafka Connect's offsets API, and writes incremental-snapshot signals into
/// Debezium's signal table as the connector user. Its own security group is one more caller the REST endpoint admits;
/// a managed policy grants exactly the right to invoke it, for the operators' roles.
/// </summary>
public sealed class ConnectorOperator : Construct
{
    public const string Project = "lambda/ConnectorOperations";
    public const string Handler = "ConnectorOperations::ConnectorOperations.Function::Handle";
    public static readonly Duration Timeout = Duration.Seconds(60);

    public static string FunctionNameOf(string namePrefix) => $"{namePrefix}-connector-ops";

    public ConnectorOperator(Construct scope, string id, ConnectorOperatorProps props) : base(scope, id)
    {
        SecurityGroup = SingleTargetSecurityGroup.Create(this, props.Vpc, "Connector operations", "reaches the Kafka Connect REST endpoint, MySQL for snapshot signals, and HTTPS to Secrets Manager",
            props.RestEndpointSecurityGroup, ConnectClusterNames.RestPort, "Kafka Connect REST API");
        SecurityGroup.AddEgressRule(props.Database.SecurityGroup, Port.Tcp(CdcDatabase.MySqlPort), "MySQL, to insert signals into the signal table");
        // The database's group admits this one through a rule in this stack: AddIngressRule would put it in the database
        // stack, which would then depend on this one while this one depends on it.
        _ = new CfnSecurityGroupIngress(this, "DatabaseIngress", new CfnSecurityGroupIngressProps
        {
            GroupId = props.Database.SecurityGroup.SecurityGroupId,
            SourceSecurityGroupId = SecurityGroup.SecurityGroupId,
            IpProtocol = "tcp",
            FromPort = CdcDatabase.MySqlPort,
            ToPort = CdcDatabase.MySqlPort,
            Description = "Connector operations (snapshot signals)",
        });
        SecurityGroup.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443), "Secrets Manager, through its interface endpoint or NAT");

        var functions = new DotnetVpcFunctions(this, "Handler", new DotnetVpcFunctionsProps(
            "connector operations", Project, props.Vpc, SecurityGroup, Timeout, props.LogRetention));
        Function = functions.Add("Function", Handler, withSecretsExtension: true);
        ((CfnFunction)Function.Node.DefaultChild!).FunctionName = FunctionNameOf(props.NamePrefix);
        Function.AddEnvironment(OperationsEnvironment.ConnectUrl, $"http://{props.RestHostname}:{ConnectClusterNames.RestPort}/");
        Function.AddEnvironment(OperationsEnvironment.DatabaseHost, props.Database.Instance.DbInstanceEndpointAddress);
        Function.AddEnvironment(OperationsEnvironment.DatabasePort, CdcDatabase.MySqlPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Function.AddEnvironment(OperationsEnvironment.ConnectorSecretArn, props.Database.ConnectorSecret.SecretArn);
        // The function refuses pause, resume, stop and offsets changes when Strimzi owns the connectors (it would revert them).
        Function.AddEnvironment(OperationsEnvironment.StateOwner, props.ManagementMode == ManagementModes.Strimzi ? ManagementModes.Strimzi : ManagementModes.Rest);
        props.Database.GrantConnectorSecretRead(Function);

        InvokePolicy = new ManagedPolicy(this, "InvokePolicy", new ManagedPolicyProps
        {
            ManagedPolicyName = $"{props.NamePrefix}-connector-operators",
            Description = $"Lets an operator run scripts/connector-ops.sh against {props.NamePrefix}: invoke the connector operations function, nothing else",
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps { Actions = ["lambda:InvokeFunction"], Resources = [Function.FunctionArn] }),
            ],
        });

        FunctionNameOutput = new CfnOutput(this, "FunctionName", new CfnOutputProps
        {
            Description = "The connector operations function (scripts/connector-ops.sh finds it by this name)",
            Value = Function.FunctionName,
        });
    }

    public ISecurityGroup SecurityGroup { get; }

    public Function Function { get; }

    public ManagedPolicy InvokePolicy { get; }

    public CfnOutput FunctionNameOutput { get; }
}
