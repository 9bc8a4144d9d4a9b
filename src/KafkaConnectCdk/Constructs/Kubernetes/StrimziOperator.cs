using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Constructs;

namespace KafkaConnectCdk.Constructs.Kubernetes;

public sealed record StrimziOperatorProps(Cluster Cluster, string WatchedNamespace);

/// <summary>The Strimzi cluster operator from its pinned Helm chart, in its own namespace, watching the Connect namespace.</summary>
public sealed class StrimziOperator : Construct
{
    public const string Namespace = "strimzi";

    /// <summary>Well under the 15-minute limit of CDK's Helm handler, which leaves a release pending-upgrade when exceeded.</summary>
    public static readonly Duration HelmTimeout = Duration.Minutes(10);

    /// <summary>Chart values; every key exists in the chart's helm-values.yaml (a test checks).</summary>
    public static Dictionary<string, object> Values(string watchedNamespace) => new()
    {
        ["replicas"] = 2,
        ["watchNamespaces"] = new object[] { watchedNamespace },
        ["watchAnyNamespace"] = false,
        ["leaderElection"] = new Dictionary<string, object> { ["enable"] = true },
        ["resources"] = new Dictionary<string, object>
        {
            ["requests"] = new Dictionary<string, object> { ["cpu"] = "200m", ["memory"] = "384Mi" },
            ["limits"] = new Dictionary<string, object> { ["cpu"] = "1000m", ["memory"] = "384Mi" },
        },
        ["podDisruptionBudget"] = new Dictionary<string, object> { ["enabled"] = true },
    };

    public StrimziOperator(Construct scope, string id, StrimziOperatorProps props) : base(scope, id)
    {
        Chart = props.Cluster.AddHelmChart("StrimziOperator", new HelmChartOptions
        {
            Chart = Versions.StrimziHelmChart,
            Repository = Versions.StrimziHelmRepository,
            Version = Versions.Strimzi,
            Release = "strimzi",
            Namespace = Namespace,
            CreateNamespace = true,
            Wait = true,
            Timeout = HelmTimeout,
            Values = Values(props.WatchedNamespace),
        });
    }

    public HelmChart Chart { get; }
}
