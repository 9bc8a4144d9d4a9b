using System.Text.Json.Serialization;
using KafkaConnectCdk.Connect.Strimzi;

namespace KafkaConnectCdk.Connect;

// The CloudWatch agent operator's cloudwatch.aws.amazon.com/v1alpha1 AmazonCloudWatchAgent (vendored CRD:
// test/KafkaConnectCdk.Tests/Reference/cloudwatch-agent-operator/amazoncloudwatchagents-v1alpha1.yaml), and the
// Prometheus scrape configuration it carries in spec.prometheus.config, and the agent's own JSON configuration that
// spec.config carries as a string. Only the fields this app sets are modelled.

public sealed record AmazonCloudWatchAgentResource(ObjectMeta Metadata, AmazonCloudWatchAgentSpec Spec)
{
    // Ahead of metadata and spec, as the manifests always had them.
    [JsonPropertyOrder(-2)]
    public string ApiVersion => "cloudwatch.aws.amazon.com/v1alpha1";

    [JsonPropertyOrder(-1)]
    public string Kind => "AmazonCloudWatchAgent";
}

public sealed record AmazonCloudWatchAgentSpec
{
    public required string ManagementState { get; init; }

    public required string Mode { get; init; }

    public required int Replicas { get; init; }

    public required string Image { get; init; }

    public required string ServiceAccount { get; init; }

    public required IReadOnlyList<EnvironmentVariable> Env { get; init; }

    public required ResourceRequirements Resources { get; init; }

    /// <summary>The agent's own JSON configuration, as a string (the CRD's spec.config is a string).</summary>
    public required string Config { get; init; }

    public required AgentPrometheus Prometheus { get; init; }
}

public sealed record EnvironmentVariable(string Name, string Value);

public sealed record AgentPrometheus(PrometheusConfiguration Config);

// Prometheus' configuration file spells its keys in snake_case.

public sealed record PrometheusConfiguration(
    [property: JsonPropertyName("global")] PrometheusGlobal Global,
    [property: JsonPropertyName("scrape_configs")] IReadOnlyList<ScrapeConfig> ScrapeConfigs);

public sealed record PrometheusGlobal(
    [property: JsonPropertyName("scrape_interval")] string ScrapeInterval,
    [property: JsonPropertyName("scrape_timeout")] string ScrapeTimeout);

public sealed record ScrapeConfig(
    [property: JsonPropertyName("job_name")] string JobName,
    [property: JsonPropertyName("kubernetes_sd_configs")] IReadOnlyList<KubernetesServiceDiscovery> KubernetesSdConfigs,
    [property: JsonPropertyName("relabel_configs")] IReadOnlyList<RelabelConfig> RelabelConfigs);

public sealed record KubernetesServiceDiscovery(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("namespaces")] NamespaceDiscovery Namespaces);

public sealed record NamespaceDiscovery([property: JsonPropertyName("names")] IReadOnlyList<string> Names);

/// <summary>One relabelling step; unset fields keep Prometheus' defaults (action replace, regex (.*)).</summary>
public sealed record RelabelConfig(
    [property: JsonPropertyName("source_labels")] IReadOnlyList<string>? SourceLabels = null,
    [property: JsonPropertyName("action")] string? Action = null,
    [property: JsonPropertyName("regex")] string? Regex = null,
    [property: JsonPropertyName("target_label")] string? TargetLabel = null,
    [property: JsonPropertyName("replacement")] string? Replacement = null);

// The agent's own configuration file (snake_case keys, as the agent's docs spell them). Serialized with the default
// options into spec.config, so nothing here may be null.

public sealed record CloudWatchAgentConfiguration(
    [property: JsonPropertyName("agent")] AgentSection Agent,
    [property: JsonPropertyName("logs")] LogsSection Logs);

public sealed record AgentSection([property: JsonPropertyName("region")] string Region);

public sealed record LogsSection(
    [property: JsonPropertyName("metrics_collected")] LogsMetricsCollected MetricsCollected,
    [property: JsonPropertyName("force_flush_interval")] int ForceFlushInterval);

public sealed record LogsMetricsCollected([property: JsonPropertyName("prometheus")] PrometheusLogs Prometheus);

public sealed record PrometheusLogs(
    [property: JsonPropertyName("cluster_name")] string ClusterName,
    [property: JsonPropertyName("log_group_name")] string LogGroupName,
    [property: JsonPropertyName("prometheus_config_path")] string PrometheusConfigPath,
    [property: JsonPropertyName("emf_processor")] EmfProcessor EmfProcessor);

public sealed record EmfProcessor(
    [property: JsonPropertyName("metric_namespace")] string MetricNamespace,
    [property: JsonPropertyName("metric_declaration")] IReadOnlyList<MetricDeclaration> MetricDeclaration);

public sealed record MetricDeclaration(
    [property: JsonPropertyName("source_labels")] IReadOnlyList<string> SourceLabels,
    [property: JsonPropertyName("label_matcher")] string LabelMatcher,
    [property: JsonPropertyName("dimensions")] IReadOnlyList<IReadOnlyList<string>> Dimensions,
    [property: JsonPropertyName("metric_selectors")] IReadOnlyList<string> MetricSelectors);
