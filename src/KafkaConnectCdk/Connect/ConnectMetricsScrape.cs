using System.Text.Json;
using KafkaConnectCdk.Connect.Strimzi;

namespace KafkaConnectCdk.Connect;

public sealed record ConnectMetricsScrapeSettings(string EksClusterName, string Region, string LogGroupName);

/// <summary>
/// The CloudWatch agent that scrapes the Connect workers' JMX exporter (Strimzi's <c>tcp-prometheus</c> port) and turns
/// the series operators alarm on into CloudWatch metrics through the Embedded Metric Format: Debezium's lag behind the
/// binlog and the source tasks' record rates. It is an <c>AmazonCloudWatchAgent</c> resource of the operator the
/// amazon-cloudwatch-observability add-on installs, run as a single-replica deployment (a daemonset would scrape every
/// worker once per node), under the add-on's service account, whose Pod Identity role may write metrics and logs.
/// </summary>
public static class ConnectMetricsScrape
{
    public const string Namespace = "KafkaConnectCdk/ConnectWorkers";
    public const string AgentName = "cdc-connect-metrics";
    public const string AgentNamespace = "amazon-cloudwatch";
    public const string AgentServiceAccount = "cloudwatch-agent";
    public const string JobName = "kafka-connect";

    /// <summary>Strimzi's name for the JMX exporter's container port.</summary>
    public const string MetricsPortName = "tcp-prometheus";

    /// <summary>Where the operator mounts <c>spec.prometheus.config</c> in the agent's pod.</summary>
    public const string PrometheusConfigPath = "/etc/prometheusconfig/prometheus.yaml";

    public const string ClusterDimension = "ClusterName";

    /// <summary>Debezium's <c>server</c> label: the connector's topic prefix (kafka-connect-metrics.yml).</summary>
    public const string ServerDimension = "server";

    public const string ConnectorDimension = "connector";

    public const string SourceLagMetric = "debezium_metrics_millisecondsbehindsource";
    public const string SourceConnectedMetric = "debezium_metrics_connected";

    /// <summary>
    /// Debezium's MilliSecondsSinceLastEvent of the streaming MBean (CommonEventMetricsMXBean, inherited by
    /// StreamingChangeEventSourceMetricsMXBean, debezium-core v3.2.0.Final), lowercased by the exporter rules.
    /// </summary>
    public const string SinceLastEventMetric = "debezium_metrics_millisecondssincelastevent";
    public const string RecordsPolledMetric = "kafka_connect_source_task_source_record_poll_rate";
    public const string RecordsWrittenMetric = "kafka_connect_source_task_source_record_write_rate";

    /// <summary>
    /// Records per second a sink task reads from Kafka (Kafka Connect's sink-task-metrics sink-record-read-rate,
    /// ConnectMetricsRegistry in apache/kafka connect/runtime), as the exporter rule kafka_connect_$1_$4 names it.
    /// </summary>
    public const string SinkRecordsReadMetric = "kafka_connect_sink_task_sink_record_read_rate";

    public const string ScrapeInterval = "1m";

    public static AmazonCloudWatchAgentResource AgentManifest(ConnectMetricsScrapeSettings settings) => new(
        new ObjectMeta(AgentName, AgentNamespace),
        new AmazonCloudWatchAgentSpec
        {
            ManagementState = "managed",
            Mode = "deployment",
            Replicas = 1,
            Image = Versions.CloudWatchAgentImage,
            ServiceAccount = AgentServiceAccount,
            // Without IMDS (hop limit 1, EksCluster) the agent would detect no AWS environment and fall back to its
            // on-premises mode, which reads only the shared credentials file and ignores EKS Pod Identity
            // (aws/amazon-cloudwatch-agent translator/util/sdkutil.go DetectAgentMode; aws/amazon-cloudwatch-agent#1101,
            // aws/amazon-cloudwatch-agent-operator#119). RUN_WITH_IRSA selects the SDK's default credential chain,
            // which finds Pod Identity; the region is stated in the agent config.
            Env = [new EnvironmentVariable(RunWithIrsaVariable, "True")],
            Resources = new ResourceRequirements(
                new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "128Mi" },
                new Dictionary<string, string> { ["cpu"] = "500m", ["memory"] = "512Mi" }),
            Config = JsonSerializer.Serialize(AgentConfig(settings)),
            Prometheus = new AgentPrometheus(PrometheusConfig(settings)),
        });

    /// <summary>The CloudWatch agent's switch to the SDK's default credential chain (aws/amazon-cloudwatch-agent sdkutil.go).</summary>
    public const string RunWithIrsaVariable = "RUN_WITH_IRSA";

    /// <summary>The agent's own configuration: which scraped series become metrics, with which dimensions.</summary>
    public static CloudWatchAgentConfiguration AgentConfig(ConnectMetricsScrapeSettings settings) => new(
        // Pods cannot reach the instance metadata service (IMDSv2 with hop limit 1, EksCluster): the region is stated.
        new AgentSection(settings.Region),
        new LogsSection(
            new LogsMetricsCollected(new PrometheusLogs(
                settings.EksClusterName,
                settings.LogGroupName,
                PrometheusConfigPath,
                new EmfProcessor(
                    Namespace,
                    [
                        new MetricDeclaration(
                            ["job", "context"],
                            $"^{JobName};streaming$",
                            [[ClusterDimension, ServerDimension]],
                            [$"^{SourceLagMetric}$", $"^{SourceConnectedMetric}$", $"^{SinceLastEventMetric}$"]),
                        new MetricDeclaration(
                            ["job"],
                            $"^{JobName}$",
                            [[ClusterDimension, ConnectorDimension]],
                            [$"^{RecordsPolledMetric}$", $"^{RecordsWrittenMetric}$", $"^{SinkRecordsReadMetric}$"]),
                    ]))),
            ForceFlushInterval: 5));

    /// <summary>Prometheus scrape configuration: the Strimzi Connect pods' exporter port, and nothing else.</summary>
    public static PrometheusConfiguration PrometheusConfig(ConnectMetricsScrapeSettings settings) => new(
        new PrometheusGlobal(ScrapeInterval, "10s"),
        [
            new ScrapeConfig(
                JobName,
                [new KubernetesServiceDiscovery("pod", new NamespaceDiscovery([ConnectClusterNames.Namespace]))],
                [
                    Keep("__meta_kubernetes_pod_label_strimzi_io_kind", "KafkaConnect"),
                    Keep("__meta_kubernetes_pod_label_strimzi_io_cluster", ConnectClusterNames.ClusterName),
                    Keep("__meta_kubernetes_pod_container_port_name", MetricsPortName),
                    new RelabelConfig(TargetLabel: ClusterDimension, Replacement: settings.EksClusterName),
                    new RelabelConfig(SourceLabels: ["__meta_kubernetes_pod_name"], TargetLabel: "pod_name"),
                ]),
        ]);

    private static RelabelConfig Keep(string label, string value) => new(SourceLabels: [label], Action: "keep", Regex: value);
}
