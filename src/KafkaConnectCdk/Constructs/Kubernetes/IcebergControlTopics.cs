using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Constructs;
using KafkaConnectCdk.Connect;

namespace KafkaConnectCdk.Constructs.Kubernetes;

/// <param name="Cluster">The EKS cluster running the Connect workers.</param>
/// <param name="Image">The Connect image (its kafka-topics.sh and aws-msk-iam-auth).</param>
/// <param name="BootstrapServers">MSK's SASL/IAM bootstrap string.</param>
/// <param name="Topics">The control topics to create.</param>
/// <param name="After">Created once this is done: the Connect cluster Ready (Strimzi then has created the service account).</param>
public sealed record IcebergControlTopicsProps(Cluster Cluster, ConnectImage Image, string BootstrapServers, IReadOnlyList<string> Topics, IDependable After);

/// <summary>
/// Creates the Iceberg sinks' control topics with a Job in the Connect namespace, running as the Connect service account
/// (Pod Identity: the worker role may create exactly these topics), and waits until the Job has succeeded: the
/// deployment fails, before any sink is registered, if a topic cannot be created.
/// </summary>
public sealed class IcebergControlTopics : Construct
{
    /// <summary>Within the kubectl handler's limit (<see cref="KubectlReadBack.HandlerLimit"/> less its overshoot); kafka-topics.sh needs seconds.</summary>
    public static readonly Duration Timeout = Duration.Minutes(10);

    public IcebergControlTopics(Construct scope, string id, IcebergControlTopicsProps props) : base(scope, id)
    {
        JobName = IcebergControlTopicsJob.JobName(props.Image.Asset.AssetHash, props.Topics);
        var manifest = props.Cluster.AddManifest("Job",
            KubernetesObjects.ToManifest(IcebergControlTopicsJob.ConfigMap(ConnectClusterNames.Namespace, props.BootstrapServers)),
            KubernetesObjects.ToManifest(IcebergControlTopicsJob.Job(JobName, ConnectClusterNames.Namespace, ConnectClusterNames.ServiceAccount, props.Image.ImageUri, props.Topics)));
        manifest.Node.AddDependency(props.After);

        // Job status.succeeded appears only once a pod completed; the read retries until then or fails the deployment.
        Succeeded = new KubernetesObjectValue(this, "Succeeded", new KubernetesObjectValueProps
        {
            Cluster = props.Cluster,
            ObjectType = "job",
            ObjectName = JobName,
            ObjectNamespace = ConnectClusterNames.Namespace,
            JsonPath = ".status.succeeded",
            Timeout = Timeout,
        });
        Succeeded.Node.AddDependency(manifest);
    }

    public string JobName { get; }

    /// <summary>Resolves once the Job succeeded; connectors that need the topics depend on it.</summary>
    public KubernetesObjectValue Succeeded { get; }
}
