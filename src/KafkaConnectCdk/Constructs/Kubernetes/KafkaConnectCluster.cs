using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.EKS;
using Constructs;
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
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ConnectorConfigs);

/// <summary>
/// The Kafka Connect cluster's Kubernetes objects, applied in order: namespace, metrics rules and secret mount, the
/// KafkaConnect, KafkaConnector resources (strimzi mode only), and the internal REST load balancer.
/// </summary>
public sealed class KafkaConnectCluster : Construct
{
    public KafkaConnectCluster(Construct scope, string id, KafkaConnectClusterProps props) : base(scope, id)
    {
        var settings = props.Settings;
        var cluster = props.Cluster;
        Namespace = cluster.AddManifest("Namespace", new Dictionary<string, object>
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new Dictionary<string, object> { ["name"] = ConnectClusterNames.Namespace },
        });
        // The operator's role bindings in the watched namespace need it to exist.
        props.Operator.Node.AddDependency(Namespace);

        var supporting = cluster.AddManifest("Supporting",
            ManifestSerializer.ToJsii(ConnectManifests.MetricsConfigMap(MetricsRules.KafkaConnect)),
            ManifestSerializer.ToJsii(ConnectManifests.SecretProviderClass(settings)));
        supporting.Node.AddDependency(Namespace);
        foreach (var addOn in props.AddOns)
        {
            supporting.Node.AddDependency(addOn);
        }

        Connect = cluster.AddManifest("KafkaConnect", ManifestSerializer.ToJsii(ConnectManifests.KafkaConnect(settings)));
        Connect.Node.AddDependency(props.Operator);
        Connect.Node.AddDependency(supporting);

        // Read back from the cluster at deploy time: the deployment waits for the workers and fails if they never get ready.
        ReadyStatus = new KubernetesObjectValue(this, "ConnectReady", new KubernetesObjectValueProps
        {
            Cluster = cluster,
            ObjectType = "kafkaconnect",
            ObjectName = ConnectClusterNames.ClusterName,
            ObjectNamespace = ConnectClusterNames.Namespace,
            JsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
            Timeout = Duration.Minutes(14),
        });
        ReadyStatus.Node.AddDependency(Connect);

        var connectorManifests = new Dictionary<string, KubernetesManifest>();
        ConnectorManifests = connectorManifests;
        if (settings.Connect.ManagementMode == ConnectorManagementModes.Strimzi)
        {
            foreach (var connector in ConnectManifests.KafkaConnectors(settings.Connect, props.ConnectorConfigs))
            {
                var manifest = cluster.AddManifest($"Connector-{connector.Metadata.Name}", ManifestSerializer.ToJsii(connector));
                manifest.Node.AddDependency(Connect);
                connectorManifests[connector.Metadata.Name] = manifest;
            }
        }

        // The registrar's only way in, in both modes: it registers (rest) or only verifies (strimzi) through it.
        RestEndpoint = cluster.AddManifest("RestEndpoint",
            ManifestSerializer.ToJsii(ConnectManifests.RestLoadBalancerService(settings)),
            ManifestSerializer.ToJsii(ConnectManifests.RestNetworkPolicy(settings)));
        RestEndpoint.Node.AddDependency(Connect);
        RestHostname = cluster.GetServiceLoadBalancerAddress(ConnectClusterNames.RestLoadBalancerService, new ServiceLoadBalancerAddressOptions
        {
            Namespace = ConnectClusterNames.Namespace,
            Timeout = Duration.Minutes(10),
        });
    }

    public KubernetesManifest RestEndpoint { get; }

    /// <summary>The KafkaConnector resources by connector name (strimzi management mode; empty in rest mode).</summary>
    public IReadOnlyDictionary<string, KubernetesManifest> ConnectorManifests { get; }

    public KubernetesManifest Namespace { get; }

    public KubernetesManifest Connect { get; }

    /// <summary>"True" once Strimzi reports the Connect cluster Ready.</summary>
    public KubernetesObjectValue ReadyStatus { get; }

    /// <summary>The internal NLB's DNS name, read back from the Service once the controller provisioned it.</summary>
    public string RestHostname { get; }
}
