using System.Text.Json;

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

    public static object AgentManifest(ConnectMetricsScrapeSettings settings) => new
    {
        apiVersion = "cloudwatch.aws.amazon.com/v1alpha1",
        kind = "AmazonCloudWatchAgent",
        metadata = new { name = AgentName, @namespace = AgentNamespace },
        spec = new
        {
            managementState = "managed",
            mode = "deployment",
            replicas = 1,
            image = Versions.CloudWatchAgentImage,
            serviceAccount = AgentServiceAccount,
            // Without IMDS (hop limit 1, EksCluster) the agent would detect no AWS environment and fall back to its
            // on-premises mode, which reads only the shared credentials file and ignores EKS Pod Identity
            // (aws/amazon-cloudwatch-agent translator/util/sdkutil.go DetectAgentMode; aws/amazon-cloudwatch-agent#1101,
            // aws/amazon-cloudwatch-agent-operator#119). RUN_WITH_IRSA selects the SDK's default credential chain,
            // which finds Pod Identity; the region is stated in the agent config.
            env = new[] { new { name = RunWithIrsaVariable, value = "True" } },
            resources = new
            {
                requests = new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "128Mi" },
                limits = new Dictionary<string, string> { ["cpu"] = "500m", ["memory"] = "512Mi" },
            },
            config = JsonSerializer.Serialize(AgentConfig(settings)),
            prometheus = new { config = PrometheusConfig(settings) },
        },
    };

    /// <summary>The CloudWatch agent's switch to the SDK's default credential chain (aws/amazon-cloudwatch-agent sdkutil.go).</summary>
    public const string RunWithIrsaVariable = "RUN_WITH_IRSA";

    /// <summary>The agent's own configuration: which scraped series become metrics, with which dimensions.</summary>
    public static object AgentConfig(ConnectMetricsScrapeSettings settings) => new Dictionary<string, object>
    {
        // Pods cannot reach the instance metadata service (IMDSv2 with hop limit 1, EksCluster): the region is stated.
        ["agent"] = new Dictionary<string, object> { ["region"] = settings.Region },
        ["logs"] = new Dictionary<string, object>
        {
            ["metrics_collected"] = new Dictionary<string, object>
            {
                ["prometheus"] = new Dictionary<string, object>
                {
                    ["cluster_name"] = settings.EksClusterName,
                    ["log_group_name"] = settings.LogGroupName,
                    ["prometheus_config_path"] = PrometheusConfigPath,
                    ["emf_processor"] = new Dictionary<string, object>
                    {
                        ["metric_namespace"] = Namespace,
                        ["metric_declaration"] = new object[]
                        {
                            new Dictionary<string, object>
                            {
                                ["source_labels"] = new[] { "job", "context" },
                                ["label_matcher"] = $"^{JobName};streaming$",
                                ["dimensions"] = new[] { new[] { ClusterDimension, ServerDimension } },
                                ["metric_selectors"] = new[] { $"^{SourceLagMetric}$", $"^{SourceConnectedMetric}$", $"^{SinceLastEventMetric}$" },
                            },
                            new Dictionary<string, object>
                            {
                                ["source_labels"] = new[] { "job" },
                                ["label_matcher"] = $"^{JobName}$",
                                ["dimensions"] = new[] { new[] { ClusterDimension, ConnectorDimension } },
                                ["metric_selectors"] = new[] { $"^{RecordsPolledMetric}$", $"^{RecordsWrittenMetric}$", $"^{SinkRecordsReadMetric}$" },
                            },
                        },
                    },
                },
            },
            ["force_flush_interval"] = 5,
        },
    };

    /// <summary>Prometheus scrape configuration: the Strimzi Connect pods' exporter port, and nothing else.</summary>
    public static object PrometheusConfig(ConnectMetricsScrapeSettings settings) => new Dictionary<string, object>
    {
        ["global"] = new Dictionary<string, object> { ["scrape_interval"] = ScrapeInterval, ["scrape_timeout"] = "10s" },
        ["scrape_configs"] = new object[]
        {
            new Dictionary<string, object>
            {
                ["job_name"] = JobName,
                ["kubernetes_sd_configs"] = new object[]
                {
                    new Dictionary<string, object> { ["role"] = "pod", ["namespaces"] = new Dictionary<string, object> { ["names"] = new[] { ConnectClusterNames.Namespace } } },
                },
                ["relabel_configs"] = new object[]
                {
                    Keep("__meta_kubernetes_pod_label_strimzi_io_kind", "KafkaConnect"),
                    Keep("__meta_kubernetes_pod_label_strimzi_io_cluster", ConnectClusterNames.ClusterName),
                    Keep("__meta_kubernetes_pod_container_port_name", MetricsPortName),
                    new Dictionary<string, object> { ["target_label"] = ClusterDimension, ["replacement"] = settings.EksClusterName },
                    new Dictionary<string, object> { ["source_labels"] = new[] { "__meta_kubernetes_pod_name" }, ["target_label"] = "pod_name" },
                },
            },
        },
    };

    private static Dictionary<string, object> Keep(string label, string value) => new()
    {
        ["source_labels"] = new[] { label },
        ["action"] = "keep",
        ["regex"] = value,
    };
}
