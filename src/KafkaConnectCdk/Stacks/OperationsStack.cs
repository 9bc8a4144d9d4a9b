using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Constructs.Operations;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Stacks;

public sealed class OperationsStackProps : PlatformStackProps
{
    public required OperationsConfig Operations { get; init; }

    public required ConnectStack Connect { get; init; }
}

/// <summary>Alarms and the dashboard of one environment.</summary>
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
            ConnectReplicas: environment.Connect.Replicas));

        // Names, not references: the alarms watch the other stacks' resources without making them dependencies.
        AddStackDependency(props.Connect);
    }

    public PlatformMonitoring Monitoring { get; }
}
