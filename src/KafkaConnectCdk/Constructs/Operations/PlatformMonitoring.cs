using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;
using KafkaConnectCdk.Configuration;

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
    int ConnectReplicas);

/// <summary>
/// The environment's alarms, sent to an encrypted SNS topic, and the dashboard an operator reads at a glance:
/// Connect workers, MSK brokers, and the source database.
/// </summary>
public sealed class PlatformMonitoring : Construct
{
    public PlatformMonitoring(Construct scope, string id, PlatformMonitoringProps props) : base(scope, id)
    {
        var key = new Key(this, "AlarmTopicKey", new KeyProps
        {
            Description = $"Encrypts the alarm notifications of {props.NamePrefix}",
            EnableKeyRotation = true,
        });
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
        ];

        Dashboard = new Dashboard(this, "Dashboard", new DashboardProps
        {
            DashboardName = $"{props.NamePrefix}-cdc",
            DefaultInterval = Duration.Hours(3),
        });
        Dashboard.AddWidgets(
            new AlarmStatusWidget(new AlarmStatusWidgetProps { Title = "Alarms", Alarms = [.. Alarms], Width = 24 }));
        Dashboard.AddWidgets(
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
