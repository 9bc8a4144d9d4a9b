using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.Logs;
using Constructs;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Connect.Strimzi;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Constructs.Kubernetes;

public sealed record ConnectMetricsScraperProps(Cluster Cluster, string ClusterName, IReadOnlyList<Construct> AddOns, Construct ConnectCluster, RetentionDays LogRetention);

/// <summary>
/// Prometheus scraping of the Connect workers' JMX exporter by a CloudWatch agent (see <see cref="ConnectMetricsScrape"/>),
/// writing its EMF log events to an encrypted log group this construct owns, so that retention and encryption are ours
/// rather than the agent's defaults.
/// </summary>
public sealed class ConnectMetricsScraper : Construct
{
    public ConnectMetricsScraper(Construct scope, string id, ConnectMetricsScraperProps props) : base(scope, id)
    {
        var clusterName = props.ClusterName;
        var key = RotatingKeys.Create(this, "LogKey", "Encrypts the Kafka Connect Prometheus metrics log group", RemovalPolicy.RETAIN, encryptsLogs: true);
        Logs = new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = $"/aws/containerinsights/{clusterName}/prometheus",
            EncryptionKey = key,
            Retention = props.LogRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        Agent = props.Cluster.AddManifest("Agent", ManifestSerializer.ToJsii(ConnectMetricsScrape.AgentManifest(
            new ConnectMetricsScrapeSettings(clusterName, Stack.Of(this).Region, Logs.LogGroupName))));
        // The AmazonCloudWatchAgent kind and the agent's service account come with the add-on; the targets with Connect.
        foreach (var addOn in props.AddOns)
        {
            Agent.Node.AddDependency(addOn);
        }

        Agent.Node.AddDependency(Logs);
        Agent.Node.AddDependency(props.ConnectCluster);
    }

    public LogGroup Logs { get; }

    public KubernetesManifest Agent { get; }
}
