using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Connect.Strimzi;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Connect;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class ConnectMetricsScrapeTests(SynthesizedPlatform platform)
{
    private static readonly ConnectMetricsScrapeSettings Settings = new("kcc-dev", "eu-west-1", "/aws/containerinsights/kcc-dev/prometheus");

    private static JsonObject Manifest => ManifestSerializer.ToJson(ConnectMetricsScrape.AgentManifest(Settings));

    private static JsonNode AgentConfig => JsonNode.Parse((string)Manifest["spec"]!["config"]!)!;

    private static JsonArray Declarations => AgentConfig["logs"]!["metrics_collected"]!["prometheus"]!["emf_processor"]!["metric_declaration"]!.AsArray();

    [Fact]
    public void The_agent_manifest_is_valid_against_the_operator_crd() =>
        Assert.Empty(StrimziSchemas.Validate(StrimziSchemas.AmazonCloudWatchAgent, Manifest));

    /// <summary>
    /// The scraper runs in the pod network, where IMDS is out of reach (hop limit 1). The agent's mode detection
    /// (aws/amazon-cloudwatch-agent translator/util/sdkutil.go DetectAgentMode: RUN_IN_AWS, then RUN_WITH_IRSA == "True",
    /// then IMDS, else on-premises with only the shared credentials file; aws/amazon-cloudwatch-agent#1101) needs
    /// RUN_WITH_IRSA to use the SDK chain that finds EKS Pod Identity; the EKS user guide gives the same patch for nodes
    /// without IMDS (hybrid nodes).
    /// </summary>
    [Fact]
    public void The_agent_uses_the_sdk_credential_chain_because_its_pod_cannot_reach_imds()
    {
        var env = Manifest["spec"]!["env"]!.AsArray();

        Assert.Contains(env, variable => (string?)variable!["name"] == "RUN_WITH_IRSA" && (string?)variable["value"] == "True");
        Assert.Equal("eu-west-1", (string?)AgentConfig["agent"]!["region"]);
    }

    [Fact]
    public void The_agent_manifest_carries_the_crd_group_version_and_kind()
    {
        var (apiVersion, kind) = StrimziSchemas.TypeOf(StrimziSchemas.AmazonCloudWatchAgentCrdPath, "v1alpha1");

        Assert.Equal(apiVersion, (string?)Manifest["apiVersion"]);
        Assert.Equal(kind, (string?)Manifest["kind"]);
    }

    [Fact]
    public void A_misspelled_agent_field_would_be_caught()
    {
        var manifest = Manifest;
        manifest["spec"]!["replica"] = 1;

        Assert.NotEmpty(StrimziSchemas.Validate(StrimziSchemas.AmazonCloudWatchAgent, manifest));
    }

    [Fact]
    public void One_scraper_runs_as_a_deployment_under_the_add_on_identity()
    {
        var spec = Manifest["spec"]!;

        Assert.Equal("deployment", (string?)spec["mode"]);
        Assert.Equal(1, (int?)spec["replicas"]);
        Assert.Equal("cloudwatch-agent", (string?)spec["serviceAccount"]);
        Assert.Equal("amazon-cloudwatch", (string?)Manifest["metadata"]!["namespace"]);
    }

    [Fact]
    public void Only_the_strimzi_connect_pods_exporter_port_is_scraped()
    {
        var job = Manifest["spec"]!["prometheus"]!["config"]!["scrape_configs"]!.AsArray().Single()!;
        var keeps = job["relabel_configs"]!.AsArray().Where(rule => (string?)rule!["action"] == "keep")
            .ToDictionary(rule => (string)rule!["source_labels"]![0]!, rule => (string)rule!["regex"]!);

        Assert.Equal([ConnectClusterNames.Namespace], job["kubernetes_sd_configs"]![0]!["namespaces"]!["names"]!.AsArray().Select(name => (string?)name));
        Assert.Equal("KafkaConnect", keeps["__meta_kubernetes_pod_label_strimzi_io_kind"]);
        Assert.Equal(ConnectClusterNames.ClusterName, keeps["__meta_kubernetes_pod_label_strimzi_io_cluster"]);
        Assert.Equal("tcp-prometheus", keeps["__meta_kubernetes_pod_container_port_name"]);
    }

    [Fact]
    public void Source_lag_becomes_a_metric_per_topic_prefix()
    {
        var lag = Declarations.Single(declaration => declaration!["metric_selectors"]!.ToJsonString().Contains(ConnectMetricsScrape.SourceLagMetric, StringComparison.Ordinal))!;

        Assert.Equal("^kafka-connect;streaming$", (string?)lag["label_matcher"]);
        Assert.Equal(["ClusterName", "server"], lag["dimensions"]![0]!.AsArray().Select(name => (string?)name));
        Assert.Equal(ConnectMetricsScrape.Namespace, (string?)AgentConfig["logs"]!["metrics_collected"]!["prometheus"]!["emf_processor"]!["metric_namespace"]);
        Assert.Equal("eu-west-1", (string?)AgentConfig["agent"]!["region"]);
    }

    /// <summary>
    /// Debezium registers the streaming MBean as <c>debezium.mysql:type=connector-metrics,context=streaming,server=&lt;topic.prefix&gt;</c>
    /// (debezium-core JmxUtils.java JMX_OBJECT_NAME_FORMAT, DefaultStreamingChangeEventSourceMetrics context "streaming",
    /// v3.2.0.Final) with the attribute MilliSecondsSinceLastEvent (CommonEventMetricsMXBean.getMilliSecondsSinceLastEvent,
    /// inherited by StreamingChangeEventSourceMetricsMXBean). The shipped exporter rule must turn it into the selected series.
    /// </summary>
    [Fact]
    public void Debeziums_time_since_the_last_event_is_exported_and_selected_per_topic_prefix()
    {
        var rules = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(MetricsRules.KafkaConnect);
        var rule = ((List<object>)rules["rules"]).Cast<Dictionary<object, object>>().Single(candidate => ((string)candidate["name"]).StartsWith("debezium_metrics_", StringComparison.Ordinal));
        var match = System.Text.RegularExpressions.Regex.Match("debezium.mysql<type=connector-metrics, context=streaming, server=fullfillment><>MilliSecondsSinceLastEvent", $"^{(string)rule["pattern"]}$");

        Assert.True(match.Success);
        Assert.Equal(ConnectMetricsScrape.SinceLastEventMetric, ((string)rule["name"]).Replace("$4", match.Groups[4].Value, StringComparison.Ordinal).ToLowerInvariant());
        Assert.Equal("fullfillment", match.Groups[3].Value);
        var streaming = Declarations.Single(declaration => (string?)declaration!["label_matcher"] == "^kafka-connect;streaming$")!;
        Assert.Contains($"^{ConnectMetricsScrape.SinceLastEventMetric}$", streaming["metric_selectors"]!.AsArray().Select(selector => (string?)selector));
    }

    /// <summary>The exporter rules lower-case names and labels; the selectors must name what they produce.</summary>
    [Fact]
    public void The_selected_series_are_what_the_exporter_rules_emit()
    {
        var rules = MetricsRules.KafkaConnect;

        Assert.Contains("lowercaseOutputName: true", rules, StringComparison.Ordinal);
        Assert.Contains("name: debezium_metrics_$4", rules, StringComparison.Ordinal);
        Assert.Contains("server: \"$3\"", rules, StringComparison.Ordinal);
        Assert.Equal(ConnectMetricsScrape.SourceLagMetric, "debezium_metrics_" + "MilliSecondsBehindSource".ToLowerInvariant());
        Assert.Contains("name: kafka_connect_$1_$4", rules, StringComparison.Ordinal);
        // type=source-task-metrics, attribute source-record-poll-rate; the exporter turns '-' into '_'.
        Assert.Equal(ConnectMetricsScrape.RecordsPolledMetric, "kafka_connect_source-task_source-record-poll-rate".Replace('-', '_'));
    }

    [Fact]
    public void The_scraper_writes_to_an_encrypted_log_group_with_retention_and_waits_for_the_add_on()
    {
        var template = platform.TemplateOf(platform.Environment("dev").Connect);
        var logGroup = template.PropertiesOfType("AWS::Logs::LogGroup").Single(group => group["LogGroupName"]?.ToJsonString().Contains("/prometheus", StringComparison.Ordinal) == true);
        var agent = template.ResourcesOfType("Custom::AWSCDK-EKS-KubernetesResource").Single(resource => resource["Properties"]!["Manifest"]!.ToJsonString().Contains("AmazonCloudWatchAgent", StringComparison.Ordinal));

        Assert.NotNull(logGroup["KmsKeyId"]);
        Assert.NotNull(logGroup["RetentionInDays"]);
        Assert.Contains("amazoncloudwatchobservability", agent["DependsOn"]!.ToJsonString().ToLowerInvariant(), StringComparison.Ordinal);
    }
}
