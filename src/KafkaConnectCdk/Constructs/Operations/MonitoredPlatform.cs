using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.StepFunctions;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Constructs.Lakehouse;

namespace KafkaConnectCdk.Constructs.Operations;

/// <summary>
/// What an environment's alarms and dashboard watch. By name, except for the healer function and the lakehouse's
/// refresh and commit events, whose metrics come from their constructs: names keep the operations stack from exporting
/// or importing anything it only watches.
/// </summary>
public sealed record MonitoredPlatform(
    string MskClusterName,
    int BrokerCount,
    string DatabaseInstanceIdentifier,
    int BinlogRetentionHours,
    string EksClusterName,
    int ConnectReplicas,
    IReadOnlyList<ConnectorDefinition> Connectors,
    IFunction Healer,
    bool HealerRestarts,
    MonitoredLakehouse? Lakehouse);

/// <summary>The lakehouse's refresh and the sinks' commits, when the environment lands tables.</summary>
public sealed record MonitoredLakehouse(IStateMachine Refresh, CommitEvents Commits, int CommitIntervalSeconds);
