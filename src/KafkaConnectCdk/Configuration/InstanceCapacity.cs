using System.Globalization;

namespace KafkaConnectCdk.Configuration;

/// <summary>
/// A node type's resources as EKS's AL2023 nodes (nodeadm) compute them. Sources:
/// <list type="bullet">
/// <item>vCPUs and memory: the EC2 instance type specifications (https://docs.aws.amazon.com/ec2/latest/instancetypes/).</item>
/// <item>ENIs and IPv4 addresses per ENI: awslabs/amazon-eks-ami nodeadm/internal/kubelet/instance-info.jsonl (v20260724);
/// the types used here are copied in test/KafkaConnectCdk.Tests/Reference/amazon-eks-ami-v20260724/.</item>
/// <item>Max pods, kube-reserved and eviction: nodeadm/internal/kubelet/eni_max_pods.go (<c>calculateStandardMaxPods</c>)
/// and config.go (<c>getCPUMillicoresToReserve</c>, <c>getMemoryMebibytesToReserve</c>, <c>evictionHard</c>) at v20260724.</item>
/// <item>The kernel keeps part of the nominal memory out of the node's capacity; counted as Karpenter does by default
/// (aws/karpenter-provider-aws chart value <c>settings.vmMemoryOverheadPercent</c> 0.075).</item>
/// </list>
/// </summary>
public sealed record InstanceCapacity(string InstanceType, int VCpus, int MemoryGiB, int DefaultEnis, int Ipv4AddressesPerEni)
{
    /// <summary>nodeadm's <c>evictionHard memory.available</c>.</summary>
    public const int EvictionHardMemoryMiB = 100;

    public const double VmMemoryOverhead = 0.075;

    /// <summary>ENIs × (IPv4 addresses per ENI − 1) + 2 (no prefix delegation, no custom max-pods expression).</summary>
    public int MaxPods => DefaultEnis * (Ipv4AddressesPerEni - 1) + 2;

    /// <summary>6% of the first core, 1% of the second, 0.5% of cores 3 and 4, 0.25% of the rest.</summary>
    public int KubeReservedCpuMillicores
    {
        get
        {
            int[] bounds = [0, 1000, 2000, 4000, VCpus * 1000];
            int[] basisPoints = [600, 100, 50, 25];
            var reserved = 0;
            for (var range = 0; range < basisPoints.Length; range++)
            {
                var total = VCpus * 1000;
                if (total > bounds[range])
                {
                    reserved += (Math.Min(total, bounds[range + 1]) - bounds[range]) * basisPoints[range] / 10000;
                }
            }

            return reserved;
        }
    }

    /// <summary>11 MiB per pod the node may run, plus 255 MiB.</summary>
    public int KubeReservedMemoryMiB => 11 * MaxPods + 255;

    public int AllocatableCpuMillicores => VCpus * 1000 - KubeReservedCpuMillicores;

    public int AllocatableMemoryMiB => (int)(MemoryGiB * 1024 * (1 - VmMemoryOverhead)) - KubeReservedMemoryMiB - EvictionHardMemoryMiB;
}
