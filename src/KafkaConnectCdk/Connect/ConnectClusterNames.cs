namespace KafkaConnectCdk.Connect;

/// <summary>Names of the Connect cluster's Kubernetes objects and Kafka resources, derived once per environment.</summary>
public sealed record ConnectClusterNames(string NamePrefix)
{
    public const string Namespace = "kafka-connect";
    public const string ClusterName = "cdc";
    public const int RestPort = 8083;

    /// <summary>The JMX exporter's port on the Connect pods (Strimzi MetricsModel.METRICS_PORT@1.2.0, named tcp-prometheus).</summary>
    public const int MetricsPort = 9404;
    public const string SecretVolume = "connector-secrets";
    public const string SecretMountPath = "/mnt/connector-secrets";
    public const string MetricsConfigMap = "cdc-connect-metrics";
    public const string MetricsConfigKey = "metrics-config.yml";

    /// <summary>The service account Strimzi creates for the Connect pods (<c>&lt;cluster&gt;-connect</c>).</summary>
    public const string ServiceAccount = $"{ClusterName}-connect";

    /// <summary>The service Strimzi creates in front of the workers' REST API.</summary>
    public const string RestApiService = $"{ClusterName}-connect-api";

    /// <summary>The internal NLB service in front of the REST API (rest management mode only).</summary>
    public const string RestLoadBalancerService = $"{ClusterName}-connect-rest";

    public string GroupId => $"{NamePrefix}-connect";

    public string ConfigStorageTopic => $"{GroupId}-configs";

    public string OffsetStorageTopic => $"{GroupId}-offsets";

    public string StatusStorageTopic => $"{GroupId}-status";

    public IReadOnlyList<string> InternalTopics => [ConfigStorageTopic, OffsetStorageTopic, StatusStorageTopic];

    /// <summary>The connector user's password as a config-provider reference: the file the CSI driver mounts from Secrets Manager.</summary>
    public static string PasswordReference => $"${{dir:{SecretMountPath}:password}}";

    /// <summary>Labels Strimzi puts on the Connect pods.</summary>
    public static IReadOnlyDictionary<string, string> PodLabels { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["strimzi.io/cluster"] = ClusterName,
        ["strimzi.io/kind"] = "KafkaConnect",
    };
}
