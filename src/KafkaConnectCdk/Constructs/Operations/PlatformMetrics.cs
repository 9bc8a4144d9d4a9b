using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;

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
