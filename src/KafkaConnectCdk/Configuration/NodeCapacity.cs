using System.Globalization;

namespace KafkaConnectCdk.Configuration;

/// <summary>
/// The node capacity rule: every node holds its per-node pods and its share of Connect workers (spread one per zone,
/// <c>DoNotSchedule</c>), and the cluster-wide pods still fit when one node is lost. Checked at synth for each configured
/// instance type, as if every node were of that type.
/// </summary>
public static class NodeCapacity
{
    /// <summary>The Graviton types the rule knows (the node group and the Connect image are arm64).</summary>
    public static IReadOnlyDictionary<string, InstanceCapacity> InstanceTypes { get; } = BuildTable();

    /// <summary>Pods every node runs (DaemonSets of EKS and of the add-ons this app installs), with the source of each request.</summary>
    public static IReadOnlyList<PodRequests> PerNodePods { get; } =
    [
        new("aws-node (VPC CNI)", 25, 0, 1, "aws/eks-charts stable/aws-vpc-cni/values.yaml (chart 1.22.4): resources.requests.cpu 25m; nodeAgent.resources {}"),
        new("kube-proxy", 100, 0, 1, "EKS's kube-proxy DaemonSet: 100m CPU, no memory request (aws/containers-roadmap#1509); not readable offline"),
        new("eks-pod-identity-agent", 0, 0, 1, "aws/eks-pod-identity-agent charts/eks-pod-identity-agent/values.yaml: resources {}"),
        new("secrets-store-csi-driver", 70, 140, 1, "kubernetes-sigs/secrets-store-csi-driver charts/secrets-store-csi-driver/values.yaml@v1.6.0 (the 3.1.1 provider chart's dependency, Chart.lock): driver 50m/100Mi, registrar 10m/20Mi, liveness probe 10m/20Mi"),
        new("csi-secrets-store-provider-aws", 50, 100, 1, "aws/secrets-store-csi-driver-provider-aws charts/secrets-store-csi-driver-provider-aws/values.yaml@3.1.1: 50m/100Mi"),
        new("cloudwatch-agent", 250, 128, 1, "aws-observability/helm-charts charts/amazon-cloudwatch-observability/values.yaml (5.3.1): agent.resources.requests 250m/128Mi"),
        new("fluent-bit", 50, 25, 1, "aws-observability/helm-charts charts/amazon-cloudwatch-observability/values.yaml (5.3.1): containerLogs.fluentBit.resources.requests 50m/25Mi"),
    ];

    /// <summary>The add-ons' and controllers' own cluster-wide pods (the app's are added by <see cref="ClusterPods"/>).</summary>
    public static IReadOnlyList<PodRequests> SystemClusterPods { get; } =
    [
        new("coredns", 100, 70, 2, "kubernetes/kubernetes cluster/addons/dns/coredns/coredns.yaml.base: requests 100m/70Mi; EKS runs 2 replicas"),
        new("aws-load-balancer-controller", 0, 0, 2, "aws/eks-charts stable/aws-load-balancer-controller/values.yaml@3.2.2: replicaCount 2, resources {}"),
        new("amazon-cloudwatch-observability-controller-manager", 100, 64, 1, "aws-observability/helm-charts charts/amazon-cloudwatch-observability/values.yaml (5.3.1): replicaCount 1, manager.resources.requests 100m/64Mi"),
    ];

    /// <summary>Every cluster-wide pod: the system ones plus those this app configures.</summary>
    public static IReadOnlyList<PodRequests> ClusterPods(IEnumerable<PodRequests> applicationPods) => [.. SystemClusterPods, .. applicationPods];

    public sealed record Verdict(bool Fits, string Problem);

    /// <summary>
    /// Checks one instance type: <paramref name="nodes"/> nodes, each with the per-node pods and
    /// ceil(workers / nodes) Connect workers; the cluster-wide pods packed (largest first) onto the nodes that remain when
    /// one is lost.
    /// </summary>
    public static Verdict Check(InstanceCapacity node, int nodes, PodRequests worker, IReadOnlyList<PodRequests> clusterPods)
    {
        var workersPerNode = Math.Max(1, (worker.Replicas + nodes - 1) / Math.Max(1, nodes));
        var perNodeCpu = PerNodePods.Sum(pod => pod.CpuMillicores) + workersPerNode * worker.CpuMillicores;
        var perNodeMemory = PerNodePods.Sum(pod => pod.MemoryMiB) + workersPerNode * worker.MemoryMiB;
        var perNodePods = PerNodePods.Count + workersPerNode;
        var spareCpu = node.AllocatableCpuMillicores - perNodeCpu;
        var spareMemory = node.AllocatableMemoryMiB - perNodeMemory;
        var spareSlots = node.MaxPods - perNodePods;
        var perNode = $"{node.InstanceType} has {node.AllocatableCpuMillicores}m CPU and {node.AllocatableMemoryMiB}Mi allocatable; "
            + $"the per-node pods and {workersPerNode} Connect worker{(workersPerNode > 1 ? "s" : "")} request {perNodeCpu}m and {perNodeMemory}Mi";
        if (spareCpu < 0 || spareMemory < 0 || spareSlots < 0)
        {
            return new(false, $"{perNode}, more than a node holds");
        }

        var remaining = nodes - 1;
        var bins = Enumerable.Range(0, Math.Max(0, remaining)).Select(_ => new[] { spareCpu, spareMemory, spareSlots }).ToList();
        var replicas = clusterPods.SelectMany(pod => Enumerable.Repeat(pod, pod.Replicas))
            .OrderByDescending(pod => pod.CpuMillicores).ThenByDescending(pod => pod.MemoryMiB);
        foreach (var pod in replicas)
        {
            var bin = bins.FirstOrDefault(free => free[0] >= pod.CpuMillicores && free[1] >= pod.MemoryMiB && free[2] >= 1);
            if (bin is null)
            {
                var total = $"{clusterPods.Sum(p => p.CpuMillicores * p.Replicas)}m and {clusterPods.Sum(p => p.MemoryMiB * p.Replicas)}Mi";
                return new(false, $"{perNode}, leaving {spareCpu}m and {spareMemory}Mi per node; with one of {nodes} nodes lost, the cluster-wide pods "
                    + $"({total}: {string.Join(", ", clusterPods.Select(p => $"{p.Name} {p.Replicas}x{p.CpuMillicores}m/{p.MemoryMiB}Mi"))}) do not fit ({pod.Name} has no room)");
            }

            bin[0] -= pod.CpuMillicores;
            bin[1] -= pod.MemoryMiB;
            bin[2] -= 1;
        }

        return new(true, "");
    }

    private static Dictionary<string, InstanceCapacity> BuildTable()
    {
        // Size: vCPUs, default ENIs, IPv4 per ENI (instance-info.jsonl); memory per vCPU by family (EC2 specifications).
        (string Size, int VCpus, int Enis, int Ips)[] sizes = [("large", 2, 3, 10), ("xlarge", 4, 4, 15), ("2xlarge", 8, 4, 15), ("4xlarge", 16, 8, 30)];
        (string Family, int GiBPerVCpu)[] families =
        [
            ("c6g", 2), ("c7g", 2), ("c8g", 2), ("m6g", 4), ("m7g", 4), ("m8g", 4), ("r6g", 8), ("r7g", 8), ("r8g", 8),
        ];
        var table = new Dictionary<string, InstanceCapacity>(StringComparer.Ordinal);
        foreach (var (family, perVCpu) in families)
        {
            foreach (var (size, vcpus, enis, ips) in sizes)
            {
                var type = $"{family}.{size}";
                table[type] = new(type, vcpus, vcpus * perVCpu, enis, ips);
            }
        }

        // Burstable Graviton: t4g.medium 2 vCPU/4 GiB, large 2/8, xlarge 4/16, 2xlarge 8/32.
        table["t4g.medium"] = new("t4g.medium", 2, 4, 3, 6);
        table["t4g.large"] = new("t4g.large", 2, 8, 3, 12);
        table["t4g.xlarge"] = new("t4g.xlarge", 4, 16, 4, 15);
        table["t4g.2xlarge"] = new("t4g.2xlarge", 8, 32, 4, 15);
        return table;
    }
}
