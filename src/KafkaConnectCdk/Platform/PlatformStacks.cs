using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Constructs.Operations;
using KafkaConnectCdk.Lakehouse;
using KafkaConnectCdk.Stacks;

namespace KafkaConnectCdk.Platform;

/// <summary>
/// Every stack of one environment, wired together. The direct app builds it at the top level (so that
/// <c>cdk deploy --all</c> selects it) and the pipeline builds it inside a Stage: both deploy the same stacks.
/// </summary>
public sealed class PlatformStacks
{
    /// <summary>The components every environment has; each is one stack named <c>project-environment-component</c>.</summary>
    public static readonly IReadOnlyList<string> Components =
        [NetworkStack.Component, MskStack.Component, DatabaseStack.Component, SchemaRegistryStack.Component, LakehouseStack.Component, ConnectStack.Component, OperationsStack.Component];

    private PlatformStacks(NetworkStack network, MskStack msk, DatabaseStack database, SchemaRegistryStack? schemaRegistry, LakehouseStack? lakehouse, ConnectStack connect, OperationsStack operations)
    {
        Lakehouse = lakehouse;
        Operations = operations;
        Network = network;
        Msk = msk;
        Database = database;
        SchemaRegistry = schemaRegistry;
        Connect = connect;
    }

    public NetworkStack Network { get; }

    public MskStack Msk { get; }

    public DatabaseStack Database { get; }

    /// <summary>Null when the environment turns the registry off.</summary>
    public SchemaRegistryStack? SchemaRegistry { get; }

    /// <summary>Null when the environment turns the lakehouse off.</summary>
    public LakehouseStack? Lakehouse { get; }

    public ConnectStack Connect { get; }

    public OperationsStack Operations { get; }

    /// <summary>Every stack of the environment, in dependency order.</summary>
    public IReadOnlyList<PlatformStack> All =>
        [Network, Msk, Database, .. Optional(SchemaRegistry), .. Optional(Lakehouse), Connect, Operations];

    private static PlatformStack[] Optional(PlatformStack? stack) => stack is null ? [] : [stack];

    public static PlatformStacks Build(Construct scope, EnvironmentIdentity identity, EnvironmentConfig environment)
    {
        var network = new NetworkStack(scope, new NetworkStackProps { Identity = identity, Network = environment.Network, NatGateways = environment.NatGatewayCount });

        // The data plane: three stacks with no dependency among them, deployed in parallel once the network exists.
        var msk = new MskStack(scope, new MskStackProps
        {
            Identity = identity,
            Vpc = network.Vpc,
            Msk = environment.Msk,
            ClientSecurityGroups = [network.ConnectWorkersSecurityGroup],
        });
        var database = new DatabaseStack(scope, new DatabaseStackProps
        {
            Identity = identity,
            Vpc = network.Vpc,
            Database = environment.Database,
            MultiAz = environment.DatabaseMultiAz,
            ClientSecurityGroups = [network.ConnectWorkersSecurityGroup],
            // The user serves every connector: it may lock tables as soon as one connector snapshots data.
            SnapshotMode = environment.Connect.Connectors.Select(connector => connector.SnapshotMode)
                .FirstOrDefault(mode => !ConnectorDefinition.ModesWithoutDataSnapshot.Contains(mode)) ?? "no_data",
        });
        var schemaRegistry = environment.SchemaRegistry.Enabled
            ? new SchemaRegistryStack(scope, new SchemaRegistryStackProps { Identity = identity, SchemaRegistry = environment.SchemaRegistry })
            : null;

        var landed = LandedTables.Of(environment);
        var lakehouse = environment.Lakehouse.Enabled
            ? new LakehouseStack(scope, new LakehouseStackProps { Identity = identity, Lakehouse = environment.Lakehouse, Tables = landed, Vpc = network.Vpc })
            : null;

        var connect = new ConnectStack(scope, new ConnectStackProps
        {
            Identity = identity,
            Vpc = network.Vpc,
            ConnectWorkersSecurityGroup = network.ConnectWorkersSecurityGroup,
            RestLoadBalancerSubnets = network.RestLoadBalancerSubnets,
            RestLoadBalancerSubnetCidrs = network.RestLoadBalancerSubnetCidrs,
            Kafka = msk.Kafka,
            Database = database.Database,
            Registry = schemaRegistry?.Registry,
            Kubernetes = environment.Kubernetes,
            Connect = environment.Connect,
            Healing = environment.Operations.Healing,
            Lakehouse = lakehouse is null || landed.Count == 0
                ? null
                : new LakehouseLanding(environment.Lakehouse, IcebergSinkDefinition.Of(landed), lakehouse.Tables.DatabaseName, lakehouse.Storage.Bucket, lakehouse.Storage.Key),
        });

        var operations = new OperationsStack(scope, new OperationsStackProps
        {
            Identity = identity,
            Operations = environment.Operations,
            Monitored = new MonitoredPlatform(
                MskClusterName: msk.Kafka.Name,
                BrokerCount: environment.Msk.BrokerCount,
                DatabaseInstanceIdentifier: database.Database.InstanceIdentifier,
                BinlogRetentionHours: environment.Database.BinlogRetentionHours,
                EksClusterName: connect.Eks.Name,
                ConnectReplicas: environment.Connect.Replicas,
                Connectors: environment.Connect.Connectors,
                Healer: connect.Healing.Function,
                HealerRestarts: connect.Healing.StateTable is not null,
                Lakehouse: lakehouse is null ? null : new MonitoredLakehouse(lakehouse.Refresh.StateMachine, lakehouse.Commits, lakehouse.CommitIntervalSeconds)),
        });
        // The alarms watch the Connect stack's resources by name: they are created once those exist.
        operations.AddStackDependency(connect);

        return new PlatformStacks(network, msk, database, schemaRegistry, lakehouse, connect, operations);
    }
}
