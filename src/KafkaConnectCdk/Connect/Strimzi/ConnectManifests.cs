using System.Globalization;
using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Connect.Strimzi;

/// <summary>What the Connect manifests are built from; values may be deploy-time tokens.</summary>
public sealed record ConnectManifestSettings(
    ConnectClusterNames Names,
    ConnectConfig Connect,
    string Image,
    string BootstrapServers,
    string ConnectorSecretArn,
    IReadOnlyList<string> RestClientCidrs,
    string RestLoadBalancerSecurityGroupId);

/// <summary>
/// Builds every Kubernetes object of the Connect cluster: the KafkaConnect, its connectors (strimzi mode), the metrics
/// ConfigMap, the SecretProviderClass that mounts the connector secret, and in rest mode the internal NLB Service and
/// the NetworkPolicy that admits it.
/// </summary>
public static class ConnectManifests
{
    public const string ZoneTopologyKey = "topology.kubernetes.io/zone";
    public const string SecretsStoreDriver = "secrets-store.csi.k8s.io";

    /// <summary>Worker settings: replicated internal topics, JSON by default, topics created by connectors, secrets from files.</summary>
    public static IReadOnlyDictionary<string, string> WorkerConfig { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["config.storage.replication.factor"] = "3",
        ["offset.storage.replication.factor"] = "3",
        ["status.storage.replication.factor"] = "3",
        ["key.converter"] = DebeziumConnectorConfig.JsonConverter,
        ["value.converter"] = DebeziumConnectorConfig.JsonConverter,
        ["key.converter.schemas.enable"] = "true",
        ["value.converter.schemas.enable"] = "true",
        ["topic.creation.enable"] = "true",
        ["config.providers"] = "dir",
        ["config.providers.dir.class"] = "org.apache.kafka.common.config.provider.DirectoryConfigProvider",
    };

    public static KafkaConnectResource KafkaConnect(ConnectManifestSettings settings)
    {
        var connect = settings.Connect;
        var restMode = connect.ManagementMode == ConnectorManagementModes.Rest;
        return new KafkaConnectResource(
            new ObjectMeta(
                ConnectClusterNames.ClusterName,
                ConnectClusterNames.Namespace,
                Annotations: new Dictionary<string, string>
                {
                    // The two modes never mix: in rest mode the operator must not revert what the registrar registers.
                    ["strimzi.io/use-connector-resources"] = restMode ? "false" : "true",
                }),
            new KafkaConnectSpec
            {
                Version = connect.KafkaVersion,
                Replicas = connect.Replicas,
                Image = settings.Image,
                BootstrapServers = settings.BootstrapServers,
                GroupId = settings.Names.GroupId,
                ConfigStorageTopic = settings.Names.ConfigStorageTopic,
                OffsetStorageTopic = settings.Names.OffsetStorageTopic,
                StatusStorageTopic = settings.Names.StatusStorageTopic,
                Tls = new ClientTls([]),
                Authentication = new CustomAuthentication(MskIamClient.SaslSettings),
                Config = WorkerConfig,
                Resources = new ResourceRequirements(
                    new Dictionary<string, string> { ["cpu"] = connect.CpuRequest, ["memory"] = connect.Memory },
                    new Dictionary<string, string> { ["cpu"] = connect.CpuLimit, ["memory"] = connect.Memory }),
                JvmOptions = new JvmOptions(connect.Heap, connect.Heap),
                Rack = new Rack(ZoneTopologyKey),
                MetricsConfig = new MetricsConfig(new MetricsValueFrom(new ConfigMapKeySelector(ConnectClusterNames.MetricsConfigMap, ConnectClusterNames.MetricsConfigKey))),
                Template = new KafkaConnectTemplate(
                    new PodTemplate(
                        [new TopologySpreadConstraint(1, ZoneTopologyKey, "DoNotSchedule", new LabelSelector(ConnectClusterNames.PodLabels))],
                        [new PodVolume(ConnectClusterNames.SecretVolume, new CsiVolume(SecretsStoreDriver, true, new Dictionary<string, string> { ["secretProviderClass"] = ConnectClusterNames.SecretVolume }))]),
                    new ContainerTemplate([new VolumeMount(ConnectClusterNames.SecretVolume, ConnectClusterNames.SecretMountPath, true)]),
                    new PodDisruptionBudgetTemplate(1)),
            });
    }

    /// <summary>One KafkaConnector per configured connector, sources and sinks alike, in the order given.</summary>
    public static IReadOnlyList<KafkaConnectorResource> KafkaConnectors(ConnectConfig connect, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> connectorConfigs) =>
    [
        .. connectorConfigs.Select(entry =>
        {
            var config = entry.Value;
            return new KafkaConnectorResource(
                new ObjectMeta(entry.Key, ConnectClusterNames.Namespace, Labels: new Dictionary<string, string> { ["strimzi.io/cluster"] = ConnectClusterNames.ClusterName }),
                new KafkaConnectorSpec(
                    config["connector.class"],
                    int.Parse(config["tasks.max"], CultureInfo.InvariantCulture),
                    config.Where(pair => pair.Key is not ("connector.class" or "tasks.max")).ToDictionary(),
                    "running",
                    new AutoRestart(true, connect.MaxAutoRestarts)));
        }),
    ];

    /// <summary>Mounts the connector user's password from Secrets Manager as a file, read through the pod's identity.</summary>
    public static object SecretProviderClass(ConnectManifestSettings settings) => new
    {
        apiVersion = "secrets-store.csi.x-k8s.io/v1",
        kind = "SecretProviderClass",
        metadata = new { name = ConnectClusterNames.SecretVolume, @namespace = ConnectClusterNames.Namespace },
        spec = new
        {
            provider = "aws",
            parameters = new Dictionary<string, string>
            {
                ["usePodIdentity"] = "true",
                ["objects"] = $"- objectName: \"{settings.ConnectorSecretArn}\"\n  objectType: \"secretsmanager\"\n  jmesPath:\n    - path: password\n      objectAlias: password\n",
            },
        },
    };

    public static object MetricsConfigMap(string exporterRules) => new
    {
        apiVersion = "v1",
        kind = "ConfigMap",
        metadata = new { name = ConnectClusterNames.MetricsConfigMap, @namespace = ConnectClusterNames.Namespace },
        data = new Dictionary<string, string> { [ConnectClusterNames.MetricsConfigKey] = exporterRules },
    };

    /// <summary>The internal NLB in front of the REST API; its security group admits only the registrar.</summary>
    public static object RestLoadBalancerService(ConnectManifestSettings settings) => new
    {
        apiVersion = "v1",
        kind = "Service",
        metadata = new
        {
            name = ConnectClusterNames.RestLoadBalancerService,
            @namespace = ConnectClusterNames.Namespace,
            annotations = new Dictionary<string, string>
            {
                ["service.beta.kubernetes.io/aws-load-balancer-type"] = "external",
                ["service.beta.kubernetes.io/aws-load-balancer-scheme"] = "internal",
                ["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"] = "ip",
                ["service.beta.kubernetes.io/aws-load-balancer-security-groups"] = settings.RestLoadBalancerSecurityGroupId,
                ["service.beta.kubernetes.io/aws-load-balancer-manage-backend-security-group-rules"] = "true",
                ["service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled"] = "true",
            },
        },
        spec = new
        {
            type = "LoadBalancer",
            loadBalancerClass = "service.k8s.aws/nlb",
            selector = ConnectClusterNames.PodLabels,
            ports = new[] { new { name = "rest-api", port = ConnectClusterNames.RestPort, targetPort = ConnectClusterNames.RestPort, protocol = "TCP" } },
        },
    };

    /// <summary>
    /// Admits the REST port from the private subnets (where the load balancer and the registrar run). In rest mode it is
    /// the only NetworkPolicy selecting the workers: Strimzi 1.2.0 generates one only when the connector operator is on
    /// (<c>KafkaConnectCluster.generateNetworkPolicy</c> returns null unless <c>strimzi.io/use-connector-resources</c> is
    /// "true"). Policies are enforced only when the VPC CNI runs with network policy enabled.
    /// </summary>
    public static object RestNetworkPolicy(ConnectManifestSettings settings) => new
    {
        apiVersion = "networking.k8s.io/v1",
        kind = "NetworkPolicy",
        metadata = new { name = $"{ConnectClusterNames.RestLoadBalancerService}-ingress", @namespace = ConnectClusterNames.Namespace },
        spec = new
        {
            podSelector = new { matchLabels = ConnectClusterNames.PodLabels },
            policyTypes = new[] { "Ingress" },
            ingress = new[]
            {
                new
                {
                    from = settings.RestClientCidrs.Select(cidr => new { ipBlock = new { cidr } }).ToArray(),
                    ports = new[] { new { protocol = "TCP", port = ConnectClusterNames.RestPort } },
                },
            },
        },
    };
}
