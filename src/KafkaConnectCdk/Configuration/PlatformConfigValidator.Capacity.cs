namespace KafkaConnectCdk.Configuration;

public static partial class PlatformConfigValidator
{
    /// <summary>
    /// The cluster-wide pods this app deploys besides the add-ons': the Strimzi operator (its chart values) and the
    /// Connect metrics scraper (its AmazonCloudWatchAgent). A test checks these against the synthesized template.
    /// </summary>
    public static IReadOnlyList<PodRequests> ApplicationClusterPods { get; } =
    [
        new("strimzi-cluster-operator", 200, 384, 2, "StrimziOperator.Values: replicas 2, requests 200m/384Mi"),
        new("cdc-connect-metrics (CloudWatch agent)", 100, 128, 1, "ConnectMetricsScrape.AgentManifest: replicas 1, requests 100m/128Mi"),
    ];

    private static void ValidateNodeCapacity(EnvironmentConfig environment, string path, List<ConfigurationError> errors)
    {
        var kubernetes = environment.Kubernetes;
        var connect = environment.Connect;
        if (Quantities.CpuMillicores(connect.CpuRequest) is not { } cpu || Quantities.MemoryMiB(connect.Memory) is not { } memory || kubernetes.MinNodes < 1)
        {
            return; // reported with the quantities and node counts
        }

        var worker = new PodRequests("kafka-connect worker", cpu, memory, connect.Replicas, "connect.cpuRequest and connect.memory");
        var clusterPods = NodeCapacity.ClusterPods(ApplicationClusterPods);
        foreach (var type in kubernetes.NodeInstanceTypes.Distinct().Where(type => GravitonInstanceTypePattern().IsMatch(type)))
        {
            if (!NodeCapacity.InstanceTypes.TryGetValue(type, out var capacity))
            {
                errors.Add(new($"{path}.kubernetes.nodeInstanceTypes", $"'{type}' is not in the node capacity table, so whether it holds the Connect workers cannot be checked",
                    $"use one of {string.Join(", ", NodeCapacity.InstanceTypes.Keys.Order(StringComparer.Ordinal))}, or add it to NodeCapacity.InstanceTypes with its vCPUs, memory and ENI limits"));
                continue;
            }

            var verdict = NodeCapacity.Check(capacity, kubernetes.MinNodes, worker, clusterPods);
            if (!verdict.Fits)
            {
                var larger = NodeCapacity.InstanceTypes.Values
                    .Where(candidate => candidate.InstanceType.Split('.')[0] == type.Split('.')[0] && NodeCapacity.Check(candidate, kubernetes.MinNodes, worker, clusterPods).Fits)
                    .OrderBy(candidate => candidate.VCpus).ThenBy(candidate => candidate.MemoryGiB).FirstOrDefault();
                var suggestion = larger is null ? "a larger instance type" : $"a larger instance type (e.g. {larger.InstanceType})";
                errors.Add(new($"{path}.kubernetes.nodeInstanceTypes", verdict.Problem,
                    $"use {suggestion}, lower connect.cpuRequest or connect.memory, or raise kubernetes.minNodes"));
            }
        }
    }
}
