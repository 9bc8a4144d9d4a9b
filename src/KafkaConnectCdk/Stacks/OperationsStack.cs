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

    public required MonitoredPlatform Monitored { get; init; }
}

/// <summary>Alarms and the dashboard of one environment: connectors, Connect workers, MSK, the database and the lakehouse.</summary>
public sealed class OperationsStack : PlatformStack
{
    public const string Component = "operations";

    public OperationsStack(Construct scope, OperationsStackProps props) : base(scope, Component, props)
    {
        var monitored = props.Monitored;
        Monitoring = new PlatformMonitoring(this, "Monitoring", new PlatformMonitoringProps(
            NamePrefix: props.Identity.NamePrefix,
            EnvironmentName: props.Identity.Name,
            Operations: props.Operations,
            MskClusterName: monitored.MskClusterName,
            BrokerCount: monitored.BrokerCount,
            DatabaseInstanceIdentifier: monitored.DatabaseInstanceIdentifier,
            EksClusterName: monitored.EksClusterName,
            ConnectNamespace: ConnectClusterNames.Namespace,
            ConnectService: ConnectClusterNames.RestApiService,
            ConnectReplicas: monitored.ConnectReplicas,
            Connectors: monitored.Connectors,
            Healer: monitored.Healer,
            HealerRestarts: monitored.HealerRestarts,
            BinlogRetentionHours: monitored.BinlogRetentionHours));

        if (monitored.Lakehouse is { } lakehouse)
        {
            LakehouseMonitoring = new LakehouseMonitoring(this, "Lakehouse", new LakehouseMonitoringProps(
                props.Identity.NamePrefix, lakehouse.Refresh, Monitoring.AlarmTopic, Monitoring.Dashboard,
                lakehouse.Commits, monitored.EksClusterName, lakehouse.CommitIntervalSeconds));
        }
    }

    public PlatformMonitoring Monitoring { get; }

    public LakehouseMonitoring? LakehouseMonitoring { get; }
}
