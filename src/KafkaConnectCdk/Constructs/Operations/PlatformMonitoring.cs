using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;
using KafkaConnectCdk.Configuration;

using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Constructs.Operations;

public sealed record PlatformMonitoringProps(
    string NamePrefix,
    string EnvironmentName,
    OperationsConfig Operations,
    string MskClusterName,
    int BrokerCount,
    string DatabaseInstanceIdentifier,
    string EksClusterName,
    string ConnectNamespace,
    string ConnectService,
    int ConnectReplicas,
    IReadOnlyList<ConnectorDefinition> Connectors,
    IFunction Healer,
    bool HealerRestarts,
    int BinlogRetentionHours);

/// <summary>
/// The environment's alarms, sent to an encrypted SNS topic, and the dashboard an operator reads at a glance:
/// connectors (tasks, restarts, lag behind the binlog, records per second), Connect workers, MSK brokers, and the source
/// database.
/// </summary>
public sealed class PlatformMonitoring : Construct
{
    public PlatformMonitoring(Construct scope, string id, PlatformMonitoringProps props) : base(scope, id)
    {
        var key = RotatingKeys.Create(this, "AlarmTopicKey", $"Encrypts the alarm notifications of {props.NamePrefix}", RemovalPolicy.RETAIN);
        // CloudWatch publishes alarm notifications to the encrypted topic.
        key.GrantEncryptDecrypt(new ServicePrincipal("cloudwatch.amazonaws.com"));

        AlarmTopic = new Topic(this, "AlarmTopic", new TopicProps
        {
            TopicName = $"{props.NamePrefix}-alarms",
            MasterKey = key,
            EnforceSSL = true,
        });
        foreach (var email in props.Operations.AlarmEmails)
        {
            AlarmTopic.AddSubscription(new EmailSubscription(email));
        }

        var brokers = Enumerable.Range(1, props.BrokerCount).ToList();
        var runningPods = PlatformMetrics.ConnectRunningPods(props.EksClusterName, props.ConnectNamespace, props.ConnectService);
        Alarms =
        [
            Alarm("MskUnderReplicatedPartitions", $"{props.NamePrefix}: MSK has under-replicated partitions (a broker is down or lagging)",
                AcrossBrokers("SUM", "UnderReplicatedPartitions", props.MskClusterName, brokers), threshold: 0, ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 5),
            Alarm("MskDiskUsed", $"{props.NamePrefix}: an MSK broker's data disk is over {props.Operations.MskDiskUsedPercent} % full",
                AcrossBrokers("MAX", "KafkaDataLogsDiskUsed", props.MskClusterName, brokers), props.Operations.MskDiskUsedPercent, ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 5),
            Alarm("DatabaseFreeStorageLow", $"{props.NamePrefix}: the CDC database has less than {props.Operations.DatabaseFreeStorageGiB} GiB free (binary logs stop when the disk is full)",
                PlatformMetrics.Rds("FreeStorageSpace", props.DatabaseInstanceIdentifier, "Minimum"), props.Operations.DatabaseFreeStorageGiB * 1024d * 1024 * 1024, ComparisonOperator.LESS_THAN_THRESHOLD, evaluationPeriods: 5),
            Alarm("DatabaseCpuHigh", $"{props.NamePrefix}: the CDC database CPU is over {props.Operations.DatabaseCpuPercent} %",
                PlatformMetrics.Rds("CPUUtilization", props.DatabaseInstanceIdentifier), props.Operations.DatabaseCpuPercent, ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 15),
            Alarm("ConnectWorkersMissing", $"{props.NamePrefix}: fewer than {props.ConnectReplicas} Kafka Connect workers are running",
                runningPods, props.ConnectReplicas, ComparisonOperator.LESS_THAN_THRESHOLD, evaluationPeriods: 5, TreatMissingData.BREACHING),
            Alarm("ConnectorHealerFailing", $"{props.NamePrefix}: the connector healer failed 3 runs in a row (Kafka Connect REST unreachable?); see its log",
                props.Healer.MetricErrors(new MetricOptions { Period = PlatformMetrics.Period, Statistic = "Sum" }), 0, ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 3),
            .. props.Connectors.SelectMany(connector => ConnectorAlarms(props, connector)),
        ];

        Dashboard = new Dashboard(this, "Dashboard", new DashboardProps
        {
            DashboardName = $"{props.NamePrefix}-cdc",
            DefaultInterval = Duration.Hours(3),
        });
        Dashboard.AddWidgets(
            new AlarmStatusWidget(new AlarmStatusWidgetProps { Title = "Alarms", Alarms = [.. Alarms], Width = 24 }));
        Dashboard.AddWidgets(
            Graph("Connector tasks running", [.. props.Connectors.Select(connector => PlatformMetrics.Connector(PlatformMetrics.Healer.RunningTasks, props.NamePrefix, connector.Name, label: connector.Name))]),
            Graph("Connector tasks failed", [.. props.Connectors.Select(connector => PlatformMetrics.Connector(PlatformMetrics.Healer.FailedTasks, props.NamePrefix, connector.Name, label: connector.Name))]),
            Graph("Debezium lag behind the binlog (ms)", [.. props.Connectors.Select(connector => PlatformMetrics.SourceLag(props.EksClusterName, connector.TopicPrefix, connector.Name))]),
            Graph("Debezium time since the last event (ms; heartbeats keep it low)", [.. props.Connectors.Select(connector => PlatformMetrics.SinceLastEvent(props.EksClusterName, connector.TopicPrefix, connector.Name))]));
        Dashboard.AddWidgets(
            Graph("Connector restarts by the healer", [.. props.Connectors.Select(connector => PlatformMetrics.Connector(PlatformMetrics.Healer.Restarts, props.NamePrefix, connector.Name, "Sum", connector.Name))]),
            Graph("Records per second (polled from the binlog)", [.. props.Connectors.Select(connector => PlatformMetrics.SourceRecords(props.EksClusterName, connector.Name))]),
            Graph("Connect workers running", [runningPods]),
            Graph("Connect worker CPU (%)", [PlatformMetrics.ConnectPods("pod_cpu_utilization", props.EksClusterName, props.ConnectNamespace)]),
            Graph("Connect worker memory (%)", [PlatformMetrics.ConnectPods("pod_memory_utilization", props.EksClusterName, props.ConnectNamespace)]),
            Graph("Connect worker restarts", [PlatformMetrics.ConnectPods("pod_number_of_container_restarts", props.EksClusterName, props.ConnectNamespace, "Sum")]));
        Dashboard.AddWidgets(
            Graph("MSK under-replicated partitions", [.. brokers.Select(broker => PlatformMetrics.Msk("UnderReplicatedPartitions", props.MskClusterName, broker))]),
            Graph("MSK data disk used (%)", [.. brokers.Select(broker => PlatformMetrics.Msk("KafkaDataLogsDiskUsed", props.MskClusterName, broker))]),
            Graph("MSK broker CPU user (%)", [.. brokers.Select(broker => PlatformMetrics.Msk("CpuUser", props.MskClusterName, broker, "Average"))]),
            Graph("MSK bytes in per second", [.. brokers.Select(broker => PlatformMetrics.Msk("BytesInPerSec", props.MskClusterName, broker, "Average"))]));
        Dashboard.AddWidgets(
            Graph("Database CPU (%)", [PlatformMetrics.Rds("CPUUtilization", props.DatabaseInstanceIdentifier)]),
            Graph("Database free storage (bytes)", [PlatformMetrics.Rds("FreeStorageSpace", props.DatabaseInstanceIdentifier, "Minimum")]),
            Graph("Database binlog disk usage (bytes)", [PlatformMetrics.Rds("BinLogDiskUsage", props.DatabaseInstanceIdentifier, "Maximum")]),
            Graph("Database replica lag (s)", [PlatformMetrics.Rds("ReplicaLag", props.DatabaseInstanceIdentifier, "Maximum")]));
    }

    public Topic AlarmTopic { get; }

    public IReadOnlyList<Alarm> Alarms { get; }

    public Dashboard Dashboard { get; }

    /// <summary>
    /// Per connector: failed tasks the healer has not fixed within 3 minutes, no running task for 10 minutes (also when
    /// the connector is missing, paused, or nothing reports), the healer's hourly restart cap, the heartbeat canary
    /// (RUNNING without events), the binlog-retention guard (lag or downtime at half the retention), and the lag.
    /// </summary>
    private IEnumerable<Alarm> ConnectorAlarms(PlatformMonitoringProps props, ConnectorDefinition connector)
    {
        var name = connector.Name;
        yield return Alarm($"ConnectorTasksFailed-{name}", $"{props.NamePrefix}: connector {name} has failed tasks for 3 minutes (the task trace is in the healer's log)",
            PlatformMetrics.Connector(PlatformMetrics.Healer.FailedTasks, props.NamePrefix, name), 0, ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 3);
        yield return Alarm($"ConnectorNotRunning-{name}", $"{props.NamePrefix}: connector {name} has had no running task for 10 minutes (failed, paused, stopped, missing, or not reported)",
            PlatformMetrics.Connector(PlatformMetrics.Healer.RunningTasks, props.NamePrefix, name, "Minimum"), 1, ComparisonOperator.LESS_THAN_THRESHOLD, evaluationPeriods: 10, TreatMissingData.BREACHING);
        if (props.HealerRestarts)
        {
            yield return Alarm($"ConnectorRestartCapReached-{name}", $"{props.NamePrefix}: connector {name} used up its {props.Operations.Healing.MaxRestartsPerHour} restarts this hour and is still failing; the healer stopped restarting it",
                PlatformMetrics.Connector(PlatformMetrics.Healer.RestartCapReached, props.NamePrefix, name), 0, ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 1);
        }

        var noEventsMs = DataFlowThresholds.NoEventsThresholdMs(connector);
        yield return Alarm($"ConnectorNoEvents-{name}",
            $"{props.NamePrefix}: connector {name} is RUNNING but has seen no binlog event for over {noEventsMs / 1000} s ({DataFlowThresholds.MissedHeartbeats} heartbeat gaps), " +
            "although its heartbeat query writes one every heartbeat: the task is stuck, or the heartbeat query fails with an error Debezium only logs (a missing heartbeat table; an access-denied error fails the task instead), see the Connect worker log. " +
            "The healer does not restart on this; see the runbook 'A connector is RUNNING but no change arrives' in docs/operations.md",
            new MathExpression(new MathExpressionProps
            {
                // Debezium reports -1 until the first streaming event (CommonEventMeter.getMilliSecondsSinceLastEvent), and
                // registers the streaming metrics before the initial snapshot runs (ChangeEventSourceCoordinator.start,
                // v3.2.0.Final): -1 is "snapshotting or not streaming yet", never "stuck", so only real ages alarm.
                Expression = $"IF(running >= 1 AND since > {noEventsMs.ToString(CultureInfo.InvariantCulture)}, 1, 0)",
                UsingMetrics = new Dictionary<string, IMetric>
                {
                    ["running"] = PlatformMetrics.Connector(PlatformMetrics.Healer.RunningTasks, props.NamePrefix, name, "Minimum"),
                    ["since"] = PlatformMetrics.SinceLastEvent(props.EksClusterName, connector.TopicPrefix),
                },
                Period = PlatformMetrics.Period,
                Label = $"{name} running without events",
            }), 0, ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 3);

        var half = props.BinlogRetentionHours / 2d;
        var whatToDo = $"before {props.BinlogRetentionHours} h RDS purges the binlog it still needs and it can only restart with a new snapshot: " +
            "find out why with scripts/connector-ops.sh status, fix it, and if it cannot catch up in time raise database.binlogRetentionHours (up to 168) and deploy; runbook 'Lag grows towards the binlog retention' in docs/operations.md";
        yield return Alarm($"ConnectorBinlogRetentionLag-{name}",
            $"{props.NamePrefix}: connector {name} is {half.ToString(CultureInfo.InvariantCulture)} h or more behind the binlog, half the retention: catch it up {whatToDo}",
            PlatformMetrics.SourceLag(props.EksClusterName, connector.TopicPrefix), DataFlowThresholds.RetentionGuardLagMs(props.BinlogRetentionHours), ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, evaluationPeriods: 3);
        var window = DataFlowThresholds.NotRunningWindow(props.BinlogRetentionHours);
        yield return Alarm($"ConnectorBinlogRetentionDowntime-{name}",
            $"{props.NamePrefix}: connector {name} has had no running task for {(window.TotalMinutes / 60d).ToString(CultureInfo.InvariantCulture)} h, half the binlog retention: get it running {whatToDo}",
            PlatformMetrics.Connector(PlatformMetrics.Healer.RunningTasks, props.NamePrefix, name, "Maximum", period: Duration.Minutes(window.PeriodMinutes)),
            1, ComparisonOperator.LESS_THAN_THRESHOLD, evaluationPeriods: window.EvaluationPeriods, TreatMissingData.BREACHING);

        yield return Alarm($"ConnectorSourceLag-{name}", $"{props.NamePrefix}: connector {name} is more than {props.Operations.SourceLagSeconds} s behind the binlog for 5 minutes",
            PlatformMetrics.SourceLag(props.EksClusterName, connector.TopicPrefix), props.Operations.SourceLagSeconds * 1000d, ComparisonOperator.GREATER_THAN_THRESHOLD, evaluationPeriods: 5);
    }

    private static MathExpression AcrossBrokers(string function, string metricName, string clusterName, IReadOnlyList<int> brokers) => new(new MathExpressionProps
    {
        Expression = $"{function}([{string.Join(',', brokers.Select(broker => $"b{broker}"))}])",
        UsingMetrics = brokers.ToDictionary(broker => $"b{broker}", broker => (IMetric)PlatformMetrics.Msk(metricName, clusterName, broker)),
        Period = PlatformMetrics.Period,
        Label = $"{metricName} ({function.ToLowerInvariant()} over brokers)",
    });

    private Alarm Alarm(string id, string description, IMetric metric, double threshold, ComparisonOperator comparison, int evaluationPeriods, TreatMissingData? missingData = null)
    {
        var alarm = new Alarm(this, id, new AlarmProps
        {
            AlarmDescription = description,
            Metric = metric,
            Threshold = threshold,
            ComparisonOperator = comparison,
            EvaluationPeriods = evaluationPeriods,
            TreatMissingData = missingData ?? TreatMissingData.NOT_BREACHING,
        });
        alarm.AddAlarmAction(new SnsAction(AlarmTopic));
        alarm.AddOkAction(new SnsAction(AlarmTopic));
        return alarm;
    }

    private static GraphWidget Graph(string title, IMetric[] metrics) => new(new GraphWidgetProps { Title = title, Left = metrics, Width = 6, Height = 6 });
}
