using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using KafkaConnectCdk.Connect;

namespace KafkaConnectCdk.Constructs.Operations;

/// <summary>The CloudWatch metrics operators watch, by source. Names and dimensions are the services' own.</summary>
public static class PlatformMetrics
{
    public static readonly Duration Period = Duration.Minutes(1);

    public static Metric Msk(string metricName, string clusterName, int brokerId, string statistic = "Maximum") => new(new MetricProps
    {
        Namespace = "AWS/Kafka",
        MetricName = metricName,
        DimensionsMap = new Dictionary<string, string> { ["Cluster Name"] = clusterName, ["Broker ID"] = brokerId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        Statistic = statistic,
        Period = Period,
        Label = $"broker {brokerId}",
    });

    public static Metric Rds(string metricName, string instanceIdentifier, string statistic = "Average") => new(new MetricProps
    {
        Namespace = "AWS/RDS",
        MetricName = metricName,
        DimensionsMap = new Dictionary<string, string> { ["DBInstanceIdentifier"] = instanceIdentifier },
        Statistic = statistic,
        Period = Period,
    });

    /// <summary>Running Connect pods behind Strimzi's REST service (Container Insights).</summary>
    public static Metric ConnectRunningPods(string clusterName, string @namespace, string service) => new(new MetricProps
    {
        Namespace = "ContainerInsights",
        MetricName = "service_number_of_running_pods",
        DimensionsMap = new Dictionary<string, string> { ["ClusterName"] = clusterName, ["Namespace"] = @namespace, ["Service"] = service },
        Statistic = "Minimum",
        Period = Period,
    });

    /// <summary>What the connector healer publishes through EMF (lambda/ConnectorHealer/ConnectorMetrics.cs).</summary>
    public const string HealerNamespace = "KafkaConnectCdk/Connectors";

    public static class Healer
    {
        public const string RunningTasks = "RunningTasks";
        public const string FailedTasks = "FailedTasks";
        public const string Restarts = "Restarts";
        public const string RestartCapReached = "RestartCapReached";
    }

    /// <summary>A connector's task count or restart figure, as the healer saw it.</summary>
    /// <remarks>A label makes an alarm render its metric as a math-style list; graphs pass one, alarms do not.</remarks>
    public static Metric Connector(string metricName, string connectCluster, string connector, string statistic = "Maximum", string? label = null, Duration? period = null) => new(new MetricProps
    {
        Namespace = HealerNamespace,
        MetricName = metricName,
        DimensionsMap = new Dictionary<string, string> { ["ConnectCluster"] = connectCluster, ["Connector"] = connector },
        Statistic = statistic,
        Period = period ?? Period,
        Label = label,
    });

    /// <summary>Debezium's MilliSecondsBehindSource of the connector with this topic prefix (scraped by the CloudWatch agent).</summary>
    public static Metric SourceLag(string eksClusterName, string topicPrefix, string? label = null) =>
        DebeziumStreaming(ConnectMetricsScrape.SourceLagMetric, eksClusterName, topicPrefix, label);

    /// <summary>Debezium's MilliSecondsSinceLastEvent (streaming) of the connector with this topic prefix.</summary>
    public static Metric SinceLastEvent(string eksClusterName, string topicPrefix, string? label = null) =>
        DebeziumStreaming(ConnectMetricsScrape.SinceLastEventMetric, eksClusterName, topicPrefix, label);

    /// <summary>A streaming metric of Debezium's MBean for one topic prefix (its <c>server</c> key), worst worker first.</summary>
    private static Metric DebeziumStreaming(string metricName, string eksClusterName, string topicPrefix, string? label) => new(new MetricProps
    {
        Namespace = ConnectMetricsScrape.Namespace,
        MetricName = metricName,
        DimensionsMap = new Dictionary<string, string>
        {
            [ConnectMetricsScrape.ClusterDimension] = eksClusterName,
            [ConnectMetricsScrape.ServerDimension] = topicPrefix,
        },
        Statistic = "Maximum",
        Period = Period,
        Label = label,
    });

    /// <summary>Records per second a sink connector's tasks read from Kafka, summed over its tasks.</summary>
    public static Metric SinkRecordsRead(string eksClusterName, string connector, Duration period) => new(new MetricProps
    {
        Namespace = ConnectMetricsScrape.Namespace,
        MetricName = ConnectMetricsScrape.SinkRecordsReadMetric,
        DimensionsMap = new Dictionary<string, string>
        {
            [ConnectMetricsScrape.ClusterDimension] = eksClusterName,
            [ConnectMetricsScrape.ConnectorDimension] = connector,
        },
        Statistic = "Sum",
        Period = period,
        Label = connector,
    });

    /// <summary>Records per second a connector's source tasks poll, summed over its tasks.</summary>
    public static Metric SourceRecords(string eksClusterName, string connector) => new(new MetricProps
    {
        Namespace = ConnectMetricsScrape.Namespace,
        MetricName = ConnectMetricsScrape.RecordsPolledMetric,
        DimensionsMap = new Dictionary<string, string>
        {
            [ConnectMetricsScrape.ClusterDimension] = eksClusterName,
            [ConnectMetricsScrape.ConnectorDimension] = connector,
        },
        Statistic = "Sum",
        Period = Period,
        Label = connector,
    });

    /// <summary>A Container Insights pod metric summed over the Connect namespace.</summary>
    public static Metric ConnectPods(string metricName, string clusterName, string @namespace, string statistic = "Average") => new(new MetricProps
    {
        Namespace = "ContainerInsights",
        MetricName = metricName,
        DimensionsMap = new Dictionary<string, string> { ["ClusterName"] = clusterName, ["Namespace"] = @namespace },
        Statistic = statistic,
        Period = Period,
    });
}
