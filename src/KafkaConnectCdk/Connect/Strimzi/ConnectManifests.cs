using k8s.Models;
using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Connect.Strimzi;

/// <summary>What the Connect manifests are built from; values may be deploy-time tokens.</summary>
public sealed record ConnectManifestSettings(
    ConnectClusterNames Names,
    ConnectConfig Connect,
    string Image,
    string BootstrapServers,
    string ConnectorSecretArn,
    IReadOnlyList<string> RestLoadBalancerSubnetCidrs,
    IReadOnlyList<string> RestLoadBalancerSubnetIds,
    string RestLoadBalancerSecurityGroupId);

/// <summary>
/// Builds every Kubernetes object of the Connect cluster: the KafkaConnect, its connectors (strimzi mode), the metrics
/// ConfigMap, the SecretProviderClass that mounts the connector secret, and in rest mode the internal NLB Service and
/// the NetworkPolicy that admits only the REST API's callers.
/// </summary>
public static class ConnectManifests
{
    public const string ZoneTopologyKey = "topology.kubernetes.io/zone";
    public const string SecretsStoreDriver = "secrets-store.csi.k8s.io";

    /// <summary>
    /// The pods of Strimzi's cluster operator: the labels of its Deployment's pod template (helm chart
    /// templates/060-Deployment-strimzi-cluster-operator.yaml@1.2.0) and the selector Strimzi's own Connect
    /// NetworkPolicy uses for it (KafkaConnectCluster.generateNetworkPolicy@1.2.0: strimzi.io/kind=cluster-operator).
    /// </summary>
    public static IReadOnlyDictionary<string, string> OperatorPodLabels { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["strimzi.io/kind"] = "cluster-operator",
    };

    /// <summary>The label Kubernetes puts on every namespace with its name (immutable, set by the API server).</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    /// <summary>EC2's instance metadata service: the node role's credentials, which no Connect pod needs (Pod Identity).</summary>
    public const string InstanceMetadataCidr = "169.254.169.254/32";

    /// <summary>NLB target group attributes: the pods see the load balancer's own addresses as the source (AWS ELB docs, client IP preservation).</summary>
    public const string RestTargetGroupAttributes = "preserve_client_ip.enabled=false";

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
    public static IReadOnlyList<KafkaConnectorResource> KafkaConnectors(ConnectConfig connect, IReadOnlyList<ManagedConnector> connectors) =>
    [
        .. connectors.Select(connector => new KafkaConnectorResource(
            new ObjectMeta(connector.Name, ConnectClusterNames.Namespace, Labels: new Dictionary<string, string> { ["strimzi.io/cluster"] = ConnectClusterNames.ClusterName }),
            new KafkaConnectorSpec(
                connector.ConnectorClass,
                connector.TasksMax,
                connector.Settings.ToDictionary(),
                "running",
                new AutoRestart(true, connect.MaxAutoRestarts)))),
    ];

    /// <summary>Mounts the connector user's password from Secrets Manager as a file, read through the pod's identity.</summary>
    public static SecretProviderClassResource SecretProviderClass(ConnectManifestSettings settings) => new(
        new ObjectMeta(ConnectClusterNames.SecretVolume, ConnectClusterNames.Namespace),
        new SecretProviderClassSpec(
            "aws",
            new Dictionary<string, string>
            {
                ["usePodIdentity"] = "true",
                ["objects"] = $"- objectName: \"{settings.ConnectorSecretArn}\"\n  objectType: \"secretsmanager\"\n  jmesPath:\n    - path: password\n      objectAlias: password\n",
            }));

    public static V1ConfigMap MetricsConfigMap(string exporterRules) => new()
    {
        Metadata = new V1ObjectMeta { Name = ConnectClusterNames.MetricsConfigMap, NamespaceProperty = ConnectClusterNames.Namespace },
        Data = new Dictionary<string, string> { [ConnectClusterNames.MetricsConfigKey] = exporterRules },
    };

    /// <summary>The internal NLB in front of the REST API; its security group admits only the registrar.</summary>
    public static V1Service RestLoadBalancerService(ConnectManifestSettings settings) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = ConnectClusterNames.RestLoadBalancerService,
            NamespaceProperty = ConnectClusterNames.Namespace,
            Annotations = new Dictionary<string, string>
            {
                ["service.beta.kubernetes.io/aws-load-balancer-type"] = "external",
                ["service.beta.kubernetes.io/aws-load-balancer-scheme"] = "internal",
                ["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"] = "ip",
                ["service.beta.kubernetes.io/aws-load-balancer-security-groups"] = settings.RestLoadBalancerSecurityGroupId,
                ["service.beta.kubernetes.io/aws-load-balancer-manage-backend-security-group-rules"] = "true",
                ["service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled"] = "true",
                // Only in the subnets no pod uses, and without client IP preservation: every packet the pods get through
                // the load balancer comes from an address in those subnets, which is what the NetworkPolicy admits.
                ["service.beta.kubernetes.io/aws-load-balancer-subnets"] = string.Join(",", settings.RestLoadBalancerSubnetIds),
                ["service.beta.kubernetes.io/aws-load-balancer-target-group-attributes"] = RestTargetGroupAttributes,
            },
        },
        Spec = new V1ServiceSpec
        {
            Type = "LoadBalancer",
            LoadBalancerClass = "service.k8s.aws/nlb",
            Selector = Labels(ConnectClusterNames.PodLabels),
            Ports = [new V1ServicePort { Name = "rest-api", Port = ConnectClusterNames.RestPort, TargetPort = ConnectClusterNames.RestPort, Protocol = "TCP" }],
        },
    };

    /// <summary>
    /// The Connect pods' NetworkPolicy (enforced by the VPC CNI's network policy agent; see EksCluster.VpcCniConfiguration).
    /// Ingress to the REST port only from: the REST load balancer's subnets (the registrar, the healer and any caller
    /// whose security group the load balancer's group admits), the other Connect workers (a worker forwards writes to
    /// the leader), and in strimzi mode Strimzi's operator in its namespace (it manages connectors through the REST API
    /// only then: KafkaConnectAssemblyOperator.reconcile@1.2.0 calls the API only when use-connector-resources is on).
    /// The metrics port is open to the cluster, as in Strimzi's own policy (the CloudWatch agent scrapes it). Egress is
    /// open except to the instance metadata service. Kubelet probes pass: the agent always admits the node's own IP
    /// (aws/aws-network-policy-agent#56, PR #65).
    /// </summary>
    public static V1NetworkPolicy RestNetworkPolicy(ConnectManifestSettings settings)
    {
        var restPeers = new List<V1NetworkPolicyPeer>();
        restPeers.AddRange(settings.RestLoadBalancerSubnetCidrs.Select(cidr => new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = cidr } }));
        restPeers.Add(new V1NetworkPolicyPeer { PodSelector = MatchLabels(ConnectClusterNames.PodLabels) });
        if (settings.Connect.ManagementMode == ConnectorManagementModes.Strimzi)
        {
            restPeers.Add(new V1NetworkPolicyPeer
            {
                NamespaceSelector = MatchLabels(new Dictionary<string, string> { [NamespaceNameLabel] = Constructs.Kubernetes.StrimziOperator.Namespace }),
                PodSelector = MatchLabels(OperatorPodLabels),
            });
        }

        return new V1NetworkPolicy
        {
            // The name of the earlier all-private-subnets policy, so that applying this one replaces it: kubectl's prune
            // would not delete the old one (NetworkPolicy is not in its default allowlist, k8s.io/kubectl
            // pkg/util/prune/prune.go), and policies add up.
            Metadata = new V1ObjectMeta { Name = $"{ConnectClusterNames.RestLoadBalancerService}-ingress", NamespaceProperty = ConnectClusterNames.Namespace },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = MatchLabels(ConnectClusterNames.PodLabels),
                PolicyTypes = ["Ingress", "Egress"],
                Ingress =
                [
                    new V1NetworkPolicyIngressRule { FromProperty = restPeers, Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = ConnectClusterNames.RestPort }] },
                    new V1NetworkPolicyIngressRule { Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = ConnectClusterNames.MetricsPort }] },
                ],
                Egress =
                [
                    new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "0.0.0.0/0", Except = [InstanceMetadataCidr] } }] },
                ],
            },
        };
    }

    private static V1LabelSelector MatchLabels(IReadOnlyDictionary<string, string> labels) => new() { MatchLabels = Labels(labels) };

    private static Dictionary<string, string> Labels(IReadOnlyDictionary<string, string> labels) => labels.ToDictionary();
}
