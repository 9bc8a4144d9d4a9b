using KafkaConnectCdk.Contracts;
using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.CustomResources;
using Constructs;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Constructs.Database;

public sealed record CdcReadinessProps(
    CdcDatabase Database,
    IVpc Vpc,
    int BinlogRetentionHours,
    string SnapshotMode,
    bool DropConnectorUserOnDelete,
    RetentionDays LogRetention);

/// <summary>
/// After the instance exists, the C# bootstrap Lambda makes it CDC-ready: it verifies the binlog and GTID settings,
/// creates the connector user from the connector secret with exactly Debezium's privileges, and sets the RDS binlog
/// retention and reads it back; it creates the control database's heartbeat and signal tables the connectors capture,
/// granting the connector user exactly what it does with them. It reads both secrets through the Parameters and Secrets extension and connects with TLS.
/// </summary>
public sealed class CdcReadiness : Construct
{
    public const string Project = "lambda/DatabaseBootstrap";
    public const string ResourceType = DatabaseBootstrapProperties.ResourceType;
    public static readonly Duration HandlerTimeout = Duration.Minutes(5);

    public CdcReadiness(Construct scope, string id, CdcReadinessProps props) : base(scope, id)
    {
        var database = props.Database;
        SecurityGroup = SingleTargetSecurityGroup.Create(this, props.Vpc, "Database bootstrap", "MySQL, and HTTPS to Secrets Manager for the secrets extension",
            database.SecurityGroup, CdcDatabase.MySqlPort, "MySQL");
        SecurityGroup.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443), "Secrets Manager, through its interface endpoint or NAT");

        var functions = new DotnetVpcFunctions(this, "Handlers", new DotnetVpcFunctionsProps(
            "database bootstrap", Project, props.Vpc, SecurityGroup, HandlerTimeout, props.LogRetention));
        Handler = functions.Add("Handler", "DatabaseBootstrap::DatabaseBootstrap.Function::OnEvent", withSecretsExtension: true);
        database.MasterSecret.GrantRead(Handler);
        database.ConnectorSecret.GrantRead(Handler);

        var provider = functions.AddProvider(this, "Provider", Handler);
        Resource = new CustomResource(this, "CdcReady", new CustomResourceProps
        {
            ServiceToken = provider.ServiceToken,
            ResourceType = ResourceType,
            Properties = new Dictionary<string, object>
            {
                [DatabaseBootstrapProperties.DatabaseHost] = database.Instance.DbInstanceEndpointAddress,
                [DatabaseBootstrapProperties.DatabasePort] = CdcDatabase.MySqlPort.ToString(CultureInfo.InvariantCulture),
                [DatabaseBootstrapProperties.MasterSecretArn] = database.MasterSecret.SecretArn,
                [DatabaseBootstrapProperties.ConnectorSecretArn] = database.ConnectorSecret.SecretArn,
                [DatabaseBootstrapProperties.BinlogRetentionHours] = props.BinlogRetentionHours.ToString(CultureInfo.InvariantCulture),
                [DatabaseBootstrapProperties.SnapshotMode] = props.SnapshotMode,
                [DatabaseBootstrapProperties.DropUserOnDelete] = props.DropConnectorUserOnDelete ? "true" : "false",
                [DatabaseBootstrapProperties.ControlDatabase] = CdcControlTables.Database,
                [DatabaseBootstrapProperties.HeartbeatTable] = CdcControlTables.HeartbeatTableName,
                [DatabaseBootstrapProperties.SignalTable] = CdcControlTables.SignalTableName,
            },
        });
        Resource.Node.AddDependency(database.Instance);
    }

    public Function Handler { get; }

    public ISecurityGroup SecurityGroup { get; }

    public CustomResource Resource { get; }
}
