using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Constructs.Lakehouse;
using KafkaConnectCdk.Constructs.Operations;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Stacks;

public sealed class OperationsStackProps : PlatformStackProps
{
    public required OperationsConfig Operations { get; init; }

    public required ConnectStack Connect { get; init; }

    /// <summary>Null when the environment has no lakehouse.</summary>
    public LakehouseStack? Lakehouse { get; init; }
}

/// <summary>Alarms and the dashboard of one environment: connectors, Connect workers, MSK and the database.</summary>
public sealed class OperationsStack : PlatformStack
{
    public const string Component = "operations";

    public OperationsStack(Construct scope, OperationsStackProps props) : base(scope, Component, props)
    {
        var environment = props.Identity.Environment;
        Monitoring = new PlatformMonitoring(this, "Monitoring", new PlatformMonitoringProps(
            NamePrefix: props.Identity.NamePrefix,
            EnvironmentName: environment.Name,
            Operations: props.Operations,
            MskClusterName: props.Identity.NamePrefix,
            BrokerCount: environment.Msk.BrokerCount,
            DatabaseInstanceIdentifier: $"{props.Identity.NamePrefix}-mysql",
            EksClusterName: props.Identity.NamePrefix,
            ConnectNamespace: ConnectClusterNames.Namespace,
            ConnectService: ConnectClusterNames.RestApiService,
            ConnectReplicas: environment.Connect.Replicas,
            Connectors: environment.Connect.Connectors,
            Healer: props.Connect.Healing.Function,
            HealerRestarts: props.Connect.Healing.StateTable is not null,
            BinlogRetentionHours: environment.Database.BinlogRetentionHours));

        if (props.Lakehouse is { } lakehouse)
        {
            LakehouseMonitoring = new LakehouseMonitoring(this, "Lakehouse", new LakehouseMonitoringProps(
                props.Identity.NamePrefix, lakehouse.Refresh.StateMachine, Monitoring.AlarmTopic, Monitoring.Dashboard,
                lakehouse.Commits, EksClusterName: props.Identity.NamePrefix, lakehouse.CommitIntervalSeconds));
        }

        // Names, not references, except for the healer function: the alarms watch the other stacks' resources by name.
        AddStackDependency(props.Connect);
    }

    public PlatformMonitoring Monitoring { get; }

    public LakehouseMonitoring? LakehouseMonitoring { get; }
}
