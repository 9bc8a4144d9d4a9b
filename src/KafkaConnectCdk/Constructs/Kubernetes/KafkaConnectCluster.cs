using System.Security.Cryptography;
using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.EKS;
using Constructs;
using k8s.Models;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Connect.Strimzi;

namespace KafkaConnectCdk.Constructs.Kubernetes;

public sealed record KafkaConnectClusterProps(
    Cluster Cluster,
    IVpc Vpc,
    Construct Operator,
    IReadOnlyList<Construct> AddOns,
    ConnectManifestSettings Settings,
    IReadOnlyList<ManagedConnector> Connectors);

/// <summary>
/// The Kafka Connect cluster's Kubernetes objects, applied in order: namespace, metrics rules and secret mount, the
/// KafkaConnect and its Ready read-back, KafkaConnector resources (strimzi mode only, once Ready), and the internal REST
/// load balancer (once the AWS Load Balancer Controller runs) with the read-back of its hostname.
/// </summary>
public sealed class KafkaConnectCluster : Construct
{
    public KafkaConnectCluster(Construct scope, string id, KafkaConnectClusterProps props) : base(scope, id)
    {
        var settings = props.Settings;
        var cluster = props.Cluster;
        Namespace = cluster.AddManifest("Namespace", KubernetesObjects.ToManifest(new V1Namespace { Metadata = new V1ObjectMeta { Name = ConnectClusterNames.Namespace } }));
        // The operator's role bindings in the watched namespace need it to exist.
        props.Operator.Node.AddDependency(Namespace);

        // The NetworkPolicy goes first, with the add-ons (the VPC CNI enforces it): no worker ever starts unguarded.
        var supporting = cluster.AddManifest("Supporting",
            KubernetesObjects.ToManifest(ConnectManifests.MetricsConfigMap(MetricsRules.KafkaConnect)),
            ManifestSerializer.ToJsii(ConnectManifests.SecretProviderClass(settings)),
            KubernetesObjects.ToManifest(ConnectManifests.RestNetworkPolicy(settings)));
        supporting.Node.AddDependency(Namespace);
        foreach (var addOn in props.AddOns)
        {
            supporting.Node.AddDependency(addOn);
        }

        var connectManifest = ManifestSerializer.ToJsii(ConnectManifests.KafkaConnect(settings));
        Connect = cluster.AddManifest("KafkaConnect", connectManifest);
        Connect.Node.AddDependency(props.Operator);
        Connect.Node.AddDependency(supporting);

        // Read back from the cluster at deploy time: the deployment waits for the workers and fails if they never get ready.
        // Its properties carry a fingerprint of the KafkaConnect and the connectors, so that CloudFormation runs it again
        // on every deployment that changes either, and its query only answers for the generation Strimzi has reconciled.
        ReadyStatus = new KubernetesObjectValue(this, "ConnectReady", new KubernetesObjectValueProps
        {
            Cluster = cluster,
            ObjectType = "kafkaconnect",
            ObjectName = KubectlReadBack.SelectByName(ConnectClusterNames.ClusterName),
            ObjectNamespace = ConnectClusterNames.Namespace,
            JsonPath = KubectlReadBack.ReadyOfReconciledGeneration,
            Timeout = KubectlReadBack.ReadyTimeout,
        });
        KubectlReadBack.SetFingerprint(ReadyStatus, SpecFingerprint(this, connectManifest, props.Connectors));
        ReadyStatus.Node.AddDependency(Connect);

        var connectorManifests = new Dictionary<string, KubernetesManifest>();
        var sinkManifests = new List<KubernetesManifest>();
        this.sinkManifests = sinkManifests;
        ConnectorManifests = connectorManifests;
        if (settings.Connect.ManagementMode == ConnectorManagementModes.Strimzi)
        {
            foreach (var (connector, resource) in props.Connectors.Zip(ConnectManifests.KafkaConnectors(settings.Connect, props.Connectors)))
            {
                // Applied once the cluster is Ready: the operator only creates connectors on a ready Connect cluster.
                var manifest = cluster.AddManifest($"Connector-{connector.Name}", ManifestSerializer.ToJsii(resource));
                manifest.Node.AddDependency(ReadyStatus);
                connectorManifests[connector.Name] = manifest;
                if (connector.Role == ConnectorRole.Sink)
                {
                    sinkManifests.Add(manifest);
                }
            }
        }

        // The registrar's only way in, in both modes: it registers (rest) or only verifies (strimzi) through it.
        RestEndpoint = cluster.AddManifest("RestEndpoint",
            KubernetesObjects.ToManifest(ConnectManifests.RestLoadBalancerService(settings)));
        RestEndpoint.Node.AddDependency(Connect);
        // The controller's Service webhook has failurePolicy Fail (eks-charts aws-load-balancer-controller 3.2.2
        // values.yaml, serviceMutatorWebhookConfig): a LoadBalancer Service applied before its pods are ready is refused.
        RestEndpoint.Node.AddDependency(cluster.AlbController!);

        // Created here rather than by Cluster.GetServiceLoadBalancerAddress, whose lookup only waits for the cluster: its
        // timer must start once the Service exists and the controller that provisions the NLB runs.
        RestHostnameLookup = new KubernetesObjectValue(this, "RestHostname", new KubernetesObjectValueProps
        {
            Cluster = cluster,
            ObjectType = "service",
            ObjectName = ConnectClusterNames.RestLoadBalancerService,
            ObjectNamespace = ConnectClusterNames.Namespace,
            JsonPath = ".status.loadBalancer.ingress[0].hostname",
            Timeout = KubectlReadBack.HostnameTimeout,
        });
        RestHostnameLookup.Node.AddDependency(RestEndpoint);
        RestHostnameLookup.Node.AddDependency(cluster.AlbController!);
        RestHostname = RestHostnameLookup.Value;
    }

    private readonly IReadOnlyList<KubernetesManifest> sinkManifests;

    public KubernetesManifest RestEndpoint { get; }

    /// <summary>The KafkaConnector resources by connector name (strimzi management mode; empty in rest mode).</summary>
    public IReadOnlyDictionary<string, KubernetesManifest> ConnectorManifests { get; }

    public KubernetesManifest Namespace { get; }

    public KubernetesManifest Connect { get; }

    /// <summary>"True" once Strimzi reports the Connect cluster Ready.</summary>
    public KubernetesObjectValue ReadyStatus { get; }

    /// <summary>The read-back of the NLB's DNS name from the Service.</summary>
    public KubernetesObjectValue RestHostnameLookup { get; }

    /// <summary>The internal NLB's DNS name, read back from the Service once the controller provisioned it.</summary>
    public string RestHostname { get; }

    /// <summary>Applies the sinks' KafkaConnector resources (strimzi mode) only after <paramref name="dependency"/>.</summary>
    public void StartSinksAfter(IDependable dependency)
    {
        foreach (var manifest in sinkManifests)
        {
            manifest.Node.AddDependency(dependency);
        }
    }

    /// <summary>
    /// Changes whenever the KafkaConnect manifest or a connector's generated configuration does. Deploy-time values are
    /// hashed in their CloudFormation form (an asset hash or a literal is hashed, an imported value by its reference).
    /// </summary>
    public static string SpecFingerprint(Construct scope, object connectManifest, IReadOnlyList<ManagedConnector> connectors)
    {
        var stack = Stack.Of(scope);
        // ToJsonString gives a fresh token on every call; resolved, it is the JSON text (or an Fn::Join of it).
        var resolved = stack.Resolve(stack.ToJsonString(new Dictionary<string, object>
        {
            ["kafkaConnect"] = connectManifest,
            ["connectors"] = connectors.OrderBy(connector => connector.Name, StringComparer.Ordinal)
                .ToDictionary(connector => connector.Name, connector => (object)connector.Config.ToDictionary(entry => entry.Key, entry => (object)entry.Value)),
        }));
        var text = resolved as string ?? System.Text.Json.JsonSerializer.Serialize(resolved);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
