using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Configuration;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class NodeCapacityTests(SynthesizedPlatform platform)
{
    private const string ValidPlatform = """
        {
          "project": "kcc",
          "environments": [
            { "name": "prod", "account": "222222222222", "region": "eu-west-1", "production": true,
              "msk": { "brokerLogRetentionDays": 365 }, "database": { "logRetentionDays": 365 },
              "kubernetes": { "adminPrincipalArn": "arn:aws:iam::222222222222:role/PlatformAdmin", "controlPlaneLogRetentionDays": 365 } }
          ]
        }
        """;

    private static JsonNode Platform(Action<JsonNode> change)
    {
        var platform = JsonNode.Parse(ValidPlatform)!;
        change(platform["environments"]![0]!);
        return platform;
    }

    private static string ErrorWhen(Action<JsonNode> change) =>
        Assert.Throws<ConfigurationException>(() => PlatformConfigLoader.FromJson(Platform(change).ToJsonString())).Message;

    private static void Loads(Action<JsonNode> change) => PlatformConfigLoader.FromJson(Platform(change).ToJsonString());

    private static JsonNode Section(JsonNode environment, string name) => environment[name] ??= new JsonObject();

    // Expected values worked out by hand from nodeadm at awslabs/amazon-eks-ami v20260724:
    // eni_max_pods.go calculateStandardMaxPods = ENIs * (IPs per ENI - 1) + 2;
    // config.go getCPUMillicoresToReserve = 6% of core 1 + 1% of core 2 + 0.5% of cores 3-4 + 0.25% above;
    // getMemoryMebibytesToReserve = 11 * maxPods + 255.
    [Theory]
    [InlineData("m7g.large", 29, 70, 1930, 574)]
    [InlineData("m7g.xlarge", 58, 80, 3920, 893)]
    [InlineData("m7g.2xlarge", 58, 90, 7910, 893)]
    [InlineData("m7g.4xlarge", 234, 110, 15890, 2829)]
    [InlineData("t4g.medium", 17, 70, 1930, 442)]
    public void Max_pods_and_kube_reserved_follow_nodeadm_v20260724(string type, int maxPods, int reservedCpu, int allocatableCpu, int reservedMemory)
    {
        var capacity = NodeCapacity.InstanceTypes[type];

        Assert.Equal(maxPods, capacity.MaxPods);
        Assert.Equal(reservedCpu, capacity.KubeReservedCpuMillicores);
        Assert.Equal(allocatableCpu, capacity.AllocatableCpuMillicores);
        Assert.Equal(reservedMemory, capacity.KubeReservedMemoryMiB);
    }

    [Fact]
    public void Allocatable_memory_leaves_out_the_vm_overhead_kube_reserved_and_the_eviction_threshold()
    {
        // 8 GiB nominal, 7.5% VM overhead (Karpenter's default vmMemoryOverheadPercent), 574 Mi kube-reserved, 100 Mi evictionHard.
        Assert.Equal((int)(8192 * 0.925) - 574 - 100, NodeCapacity.InstanceTypes["m7g.large"].AllocatableMemoryMiB);
    }

    [Fact]
    public void Every_table_entry_has_the_eni_limits_of_amazon_eks_ami_instance_info()
    {
        var upstream = File.ReadLines(RepositoryFiles.PathOf("test", "KafkaConnectCdk.Tests", "Reference", "amazon-eks-ami-v20260724", "instance-info.jsonl"))
            .Select(line => JsonNode.Parse(line)!)
            .ToDictionary(entry => (string)entry["instanceType"]!, entry => ((int)entry["defaultMaxENIs"]!, (int)entry["ipv4AddressesPerInterface"]!));

        Assert.Equal(upstream.Keys.Order(StringComparer.Ordinal), NodeCapacity.InstanceTypes.Keys.Order(StringComparer.Ordinal));
        Assert.All(NodeCapacity.InstanceTypes.Values, capacity =>
            Assert.Equal(upstream[capacity.InstanceType], (capacity.DefaultEnis, capacity.Ipv4AddressesPerEni)));
    }

    [Fact]
    public void The_repository_configuration_passes_the_capacity_rule()
    {
        Assert.All(platform.Configuration.Platform.Environments, environment => Assert.Equal(["m7g.xlarge"], environment.Kubernetes.NodeInstanceTypes));
    }

    [Fact]
    public void Fails_when_m7g_large_nodes_cannot_hold_the_cluster_pods_once_a_node_is_lost()
    {
        var message = ErrorWhen(environment => Section(environment, "kubernetes")["nodeInstanceTypes"] = new JsonArray("m7g.large"));

        Assert.Contains("platform.environments[0](prod).kubernetes.nodeInstanceTypes: m7g.large has 1930m CPU and 6903Mi allocatable; "
            + "the per-node pods and 1 Connect worker request 1545m and 4489Mi, leaving 385m and 2414Mi per node; with one of 3 nodes lost, "
            + "the cluster-wide pods (800m and 1100Mi:", message, StringComparison.Ordinal);
        Assert.Contains("Fix: use a larger instance type (e.g. m7g.xlarge), lower connect.cpuRequest or connect.memory, or raise kubernetes.minNodes.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_worker_cpu_request_of_500m_fits_on_m7g_large() =>
        Loads(environment =>
        {
            Section(environment, "kubernetes")["nodeInstanceTypes"] = new JsonArray("m7g.large");
            Section(environment, "connect")["cpuRequest"] = "500m";
        });

    [Fact]
    public void Fails_when_a_worker_requests_more_than_a_node_holds()
    {
        var message = ErrorWhen(environment => Section(environment, "connect")["memory"] = "16Gi");

        Assert.Contains("kubernetes.nodeInstanceTypes: m7g.xlarge has 3920m CPU and 14162Mi allocatable; the per-node pods and 1 Connect worker request 1545m and 16777Mi, more than a node holds.", message, StringComparison.Ordinal);
        Assert.Contains("e.g. m7g.2xlarge", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Workers_beyond_one_per_node_count_on_every_node()
    {
        var message = ErrorWhen(environment => Section(environment, "connect")["replicas"] = 9);

        Assert.Contains("the per-node pods and 3 Connect workers request 3545m and 12681Mi", message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_nodes_make_room_for_the_cluster_wide_pods() =>
        Loads(environment =>
        {
            Section(environment, "kubernetes")["nodeInstanceTypes"] = new JsonArray("m7g.large");
            Section(environment, "kubernetes")["minNodes"] = 6;
            Section(environment, "kubernetes")["desiredNodes"] = 6;
        });

    [Fact]
    public void Fails_when_the_instance_type_is_not_in_the_capacity_table() =>
        Assert.Contains(
            "kubernetes.nodeInstanceTypes: 'm7g.medium' is not in the node capacity table, so whether it holds the Connect workers cannot be checked.",
            ErrorWhen(environment => Section(environment, "kubernetes")["nodeInstanceTypes"] = new JsonArray("m7g.medium")));

    [Theory]
    [InlineData("1", 1000)]
    [InlineData("1.5", 1500)]
    [InlineData("500m", 500)]
    public void Cpu_quantities_parse_as_millicores(string quantity, int millicores) => Assert.Equal(millicores, Quantities.CpuMillicores(quantity));

    [Theory]
    [InlineData("4Gi", 4096)]
    [InlineData("512Mi", 512)]
    [InlineData("1048576Ki", 1024)]
    [InlineData("1073741824", 1024)]
    public void Memory_quantities_parse_as_mebibytes(string quantity, int mebibytes) => Assert.Equal(mebibytes, Quantities.MemoryMiB(quantity));

    [Fact]
    public void The_rule_counts_the_replicas_and_requests_the_connect_stack_deploys()
    {
        var view = platform.ViewOf(platform.Environment("prod").Connect);
        var graph = new KafkaConnectCdk.Tests.Stacks.DeploymentGraph(view);
        JsonNode ObjectOf(string kind) => view.Applied(kind).Object;
        PodRequests Counted(string name) => PlatformConfigValidator.ApplicationClusterPods.Single(pod => pod.Name.StartsWith(name, StringComparison.Ordinal));
        void AssertCounted(PodRequests counted, JsonNode? replicas, JsonNode requests)
        {
            Assert.Equal(counted.Replicas, (int)replicas!);
            Assert.Equal(counted.CpuMillicores, Quantities.CpuMillicores((string)requests["cpu"]!));
            Assert.Equal(counted.MemoryMiB, Quantities.MemoryMiB((string)requests["memory"]!));
        }

        var strimzi = JsonNode.Parse((string)graph.Properties(graph.HelmChart("strimzi-kafka-operator"))["Values"]!)!;
        AssertCounted(Counted("strimzi-cluster-operator"), strimzi["replicas"], strimzi["resources"]!["requests"]!);
        var scraper = ObjectOf("AmazonCloudWatchAgent")["spec"]!;
        AssertCounted(Counted("cdc-connect-metrics"), scraper["replicas"], scraper["resources"]!["requests"]!);
        var worker = ObjectOf("KafkaConnect")["spec"]!;
        var prod = platform.Configuration.Platform.Environments.Single(environment => environment.Name == "prod").Connect;
        Assert.Equal(prod.Replicas, (int)worker["replicas"]!);
        Assert.Equal(prod.CpuRequest, (string?)worker["resources"]!["requests"]!["cpu"]);
        Assert.Equal(prod.Memory, (string?)worker["resources"]!["requests"]!["memory"]);
    }

    [Fact]
    public void Every_pod_the_rule_counts_names_its_source() =>
        Assert.All(
            [.. NodeCapacity.PerNodePods, .. NodeCapacity.ClusterPods(PlatformConfigValidator.ApplicationClusterPods)],
            pod => Assert.False(string.IsNullOrWhiteSpace(pod.Source), JsonSerializer.Serialize(pod)));
}
