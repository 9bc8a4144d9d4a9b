using System.Net;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Connect.Strimzi;
using KafkaConnectCdk.Constructs.Kubernetes;
using KafkaConnectCdk.Constructs.Network;
using KafkaConnectCdk.Tests.Connect;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Security;

/// <summary>
/// Who reaches the Kafka Connect REST API (8083) and the metrics port (9404), read from the synthesized manifests and
/// security groups. The NetworkPolicy is evaluated with Kubernetes' NetworkPolicy v1 semantics
/// (https://kubernetes.io/docs/concepts/services-networking/network-policies/): a selected pod admits a connection
/// when some ingress rule matches both a peer and the port; a rule without "from" matches every source; a peer with a
/// namespaceSelector and a podSelector needs both; an ipBlock matches the source address. Sources are what the VPC CNI
/// and the NLB make them: a pod's own IP (from the node subnets); for traffic through the NLB with IP targets and
/// client IP preservation off, the load balancer's private IP in its subnet (AWS ELB docs, "Client IP preservation";
/// the Service sets preserve_client_ip.enabled=false explicitly). The node's own IP is always admitted by the AWS
/// network policy agent (aws/aws-network-policy-agent#56, PR #65): that is how kubelet probes pass.
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class RestReachabilityTests(SynthesizedPlatform platform)
{
    /// <summary>A connection's source as the pod sees it.</summary>
    public sealed record Source(string Name, string Namespace, IReadOnlyDictionary<string, string> Labels, string Address);

    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    private Template ProdConnect => platform.TemplateOf(platform.Environment("prod").Connect);

    private Template ProdNetwork => platform.TemplateOf(platform.Environment("prod").Network);

    private IReadOnlyList<string> LoadBalancerCidrs => platform.Environment("prod").Network.RestLoadBalancerSubnetCidrs;

    private IReadOnlyList<string> PrivateCidrs => [.. platform.Environment("prod").Network.Vpc.PrivateSubnets.Select(subnet => subnet.Ipv4CidrBlock)];

    /// <summary>The Connect pods' NetworkPolicy as applied by the prod Connect stack.</summary>
    private JsonNode SynthesizedPolicy => Manifests(ProdConnect).Single(manifest => (string?)manifest["kind"] == "NetworkPolicy");

    private IEnumerable<Source> Callers()
    {
        var nlb = FirstAddress(LoadBalancerCidrs[0], 4);
        var pod = FirstAddress(PrivateCidrs[1], 77);
        yield return new("registrar through the NLB", "", NoLabels, nlb);
        yield return new("healer through the NLB", "", NoLabels, FirstAddress(LoadBalancerCidrs[2], 9));
        yield return new("another Connect worker (forwarding to the leader)", ConnectClusterNames.Namespace, ConnectClusterNames.PodLabels, pod);
        yield return new("Strimzi cluster operator", StrimziOperator.Namespace, new Dictionary<string, string> { ["name"] = "strimzi-cluster-operator", ["strimzi.io/kind"] = "cluster-operator" }, FirstAddress(PrivateCidrs[0], 20));
        yield return new("any other pod in the cluster", "default", new Dictionary<string, string> { ["app"] = "web" }, FirstAddress(PrivateCidrs[2], 30));
        yield return new("a pod labelled like the operator in another namespace", "default", new Dictionary<string, string> { ["strimzi.io/kind"] = "cluster-operator" }, FirstAddress(PrivateCidrs[2], 31));
        yield return new("a pod in the Connect namespace that is not a worker", ConnectClusterNames.Namespace, new Dictionary<string, string> { ["app"] = "debug" }, FirstAddress(PrivateCidrs[0], 32));
        yield return new("the CloudWatch agent", "amazon-cloudwatch", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "cloudwatch-agent" }, FirstAddress(PrivateCidrs[1], 40));
        yield return new("a Lambda in the private subnets, straight to a pod IP", "", NoLabels, FirstAddress(PrivateCidrs[0], 200));
    }

    public static TheoryData<string, string, int, bool> Matrix => new()
    {
        // management mode, caller, port, admitted
        { ConnectorManagementModes.Rest, "registrar through the NLB", ConnectClusterNames.RestPort, true },
        { ConnectorManagementModes.Rest, "healer through the NLB", ConnectClusterNames.RestPort, true },
        { ConnectorManagementModes.Rest, "another Connect worker (forwarding to the leader)", ConnectClusterNames.RestPort, true },
        { ConnectorManagementModes.Rest, "Strimzi cluster operator", ConnectClusterNames.RestPort, false },
        { ConnectorManagementModes.Rest, "any other pod in the cluster", ConnectClusterNames.RestPort, false },
        { ConnectorManagementModes.Rest, "a pod labelled like the operator in another namespace", ConnectClusterNames.RestPort, false },
        { ConnectorManagementModes.Rest, "a pod in the Connect namespace that is not a worker", ConnectClusterNames.RestPort, false },
        { ConnectorManagementModes.Rest, "the CloudWatch agent", ConnectClusterNames.RestPort, false },
        { ConnectorManagementModes.Rest, "a Lambda in the private subnets, straight to a pod IP", ConnectClusterNames.RestPort, false },
        { ConnectorManagementModes.Rest, "the CloudWatch agent", ConnectClusterNames.MetricsPort, true },
        { ConnectorManagementModes.Strimzi, "Strimzi cluster operator", ConnectClusterNames.RestPort, true },
        { ConnectorManagementModes.Strimzi, "registrar through the NLB", ConnectClusterNames.RestPort, true },
        { ConnectorManagementModes.Strimzi, "healer through the NLB", ConnectClusterNames.RestPort, true },
        { ConnectorManagementModes.Strimzi, "another Connect worker (forwarding to the leader)", ConnectClusterNames.RestPort, true },
        { ConnectorManagementModes.Strimzi, "a pod labelled like the operator in another namespace", ConnectClusterNames.RestPort, false },
        { ConnectorManagementModes.Strimzi, "any other pod in the cluster", ConnectClusterNames.RestPort, false },
        { ConnectorManagementModes.Strimzi, "the CloudWatch agent", ConnectClusterNames.MetricsPort, true },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void The_connect_pods_admit_exactly_the_rest_api_callers(string managementMode, string caller, int port, bool admitted)
    {
        // The synthesized (prod, rest mode) policy for rest mode; the same builder with the loaded prod settings in strimzi mode.
        Assert.Equal(ConnectorManagementModes.Rest, platform.Configuration.Platform.Environments.Single(environment => environment.Name == "prod").Connect.ManagementMode);
        var policy = managementMode == ConnectorManagementModes.Rest
            ? SynthesizedPolicy
            : KubernetesObjects.ToJson(ConnectManifests.RestNetworkPolicy(ConnectFixtures.Settings(ConnectorManagementModes.Strimzi) with { RestLoadBalancerSubnetCidrs = LoadBalancerCidrs }));
        var source = Callers().Single(candidate => candidate.Name == caller);

        Assert.True(SelectsConnectPods(policy), "the policy must select the Connect pods");
        Assert.Equal(admitted, Admits(policy, source, port));
    }

    [Fact]
    public void The_connect_pods_may_reach_anything_but_the_instance_metadata_service()
    {
        var egress = Assert.Single(SynthesizedPolicy["spec"]!["egress"]!.AsArray())!;
        var block = Assert.Single(egress["to"]!.AsArray())!["ipBlock"]!;

        Assert.Contains("Egress", SynthesizedPolicy["spec"]!["policyTypes"]!.AsArray().Select(type => (string?)type));
        Assert.Equal("0.0.0.0/0", (string?)block["cidr"]);
        Assert.Equal(["169.254.169.254/32"], block["except"]!.AsArray().Select(cidr => (string?)cidr));
        Assert.Null(egress["ports"]);
    }

    [Fact]
    public void Only_the_registrar_the_healer_and_the_operations_function_security_groups_reach_the_load_balancer()
    {
        var resources = ProdConnect.Resources();
        var restGroup = resources.Single(pair => (string?)pair.Value!["Type"] == "AWS::EC2::SecurityGroup"
            && ((string?)pair.Value!["Properties"]!["GroupDescription"])!.StartsWith("Internal NLB in front of the Kafka Connect REST API", StringComparison.Ordinal)).Key;
        var ingress = resources.Select(pair => pair.Value)
            .Where(resource => (string?)resource!["Type"] == "AWS::EC2::SecurityGroupIngress"
                && (string?)resource!["Properties"]!["GroupId"]?["Fn::GetAtt"]?[0] == restGroup)
            .Select(resource => resource!["Properties"]!)
            .ToList();
        var callers = ingress.Select(rule => (string?)rule["SourceSecurityGroupId"]!["Fn::GetAtt"]![0]).Order().ToList();

        Assert.All(ingress, rule => Assert.Equal(ConnectClusterNames.RestPort, (int?)rule["FromPort"]));
        Assert.All(ingress, rule => Assert.Equal(ConnectClusterNames.RestPort, (int?)rule["ToPort"]));
        Assert.Equal(3, callers.Count);
        Assert.Contains(callers, id => id!.StartsWith("RegistrarSecurityGroup", StringComparison.Ordinal));
        Assert.Contains(callers, id => id!.StartsWith("HealerSecurityGroup", StringComparison.Ordinal));
        Assert.Contains(callers, id => id!.StartsWith("OperationsSecurityGroup", StringComparison.Ordinal));
        // No CIDR rule: nothing reaches the load balancer by address.
        Assert.DoesNotContain(ingress, rule => rule["CidrIp"] is not null);
    }

    [Fact]
    public void The_load_balancer_subnets_hold_nothing_else_and_overlap_no_other_subnet()
    {
        var subnets = ProdNetwork.PropertiesOfType("AWS::EC2::Subnet");
        var lbCidrs = LoadBalancerCidrs.ToHashSet();
        var others = subnets.Select(subnet => (string)subnet["CidrBlock"]!).Where(cidr => !lbCidrs.Contains(cidr)).ToList();

        Assert.Equal(3, subnets.Count(subnet => lbCidrs.Contains((string)subnet["CidrBlock"]!)));
        Assert.All(LoadBalancerCidrs, lb => Assert.All(others, other => Assert.False(Overlaps(lb, other), $"{lb} overlaps {other}")));
        Assert.All(LoadBalancerCidrs, lb => Assert.True(Contains(platform.Configuration.Platform.Environments.Single(environment => environment.Name == "prod").Network.Cidr, lb)));
        // Nodes, pods (node subnets) and functions are placed by SubnetType; the load balancer subnets are none of the VPC's groups.
        var vpc = platform.Environment("prod").Network.Vpc;
        var grouped = vpc.PublicSubnets.Concat(vpc.PrivateSubnets).Concat(vpc.IsolatedSubnets).Select(subnet => subnet.Ipv4CidrBlock).ToHashSet();
        Assert.All(LoadBalancerCidrs, lb => Assert.DoesNotContain(lb, grouped));
    }

    [Fact]
    public void The_load_balancer_lives_only_in_its_subnets_and_hides_no_client_address()
    {
        var service = Manifests(ProdConnect).Single(manifest => (string?)manifest["kind"] == "Service" && (string?)manifest["metadata"]!["name"] == ConnectClusterNames.RestLoadBalancerService);
        var annotations = service["metadata"]!["annotations"]!;

        // aws-load-balancer-controller docs/guide/service/annotations.md: subnets and target-group-attributes.
        Assert.Equal(3, ((string?)annotations["service.beta.kubernetes.io/aws-load-balancer-subnets"])!.Split(',').Length);
        Assert.Equal("preserve_client_ip.enabled=false", (string?)annotations["service.beta.kubernetes.io/aws-load-balancer-target-group-attributes"]);
        Assert.Equal("ip", (string?)annotations["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"]);
    }

    [Fact]
    public void The_vpc_cni_enforces_network_policies()
    {
        // EKS user guide, "Restrict Pod network traffic with Kubernetes network policies": the vpc-cni add-on's
        // configuration {"enableNetworkPolicy": "true"} starts the network policy agent; without it no policy applies.
        var addOn = Assert.Single(ProdConnect.PropertiesOfType("AWS::EKS::Addon"), properties => (string?)properties["AddonName"] == "vpc-cni");

        Assert.Equal("true", (string?)JsonNode.Parse((string)addOn["ConfigurationValues"]!)!["enableNetworkPolicy"]);
    }

    [Fact]
    public void The_network_policy_is_applied_before_the_connect_workers()
    {
        var resources = ProdConnect.Resources();
        var policyResource = resources.Single(pair => (string?)pair.Value!["Type"] == "Custom::AWSCDK-EKS-KubernetesResource" && Flatten(pair.Value!["Properties"]!["Manifest"]!).Contains("NetworkPolicy", StringComparison.Ordinal)).Key;
        var connectResource = resources.Single(pair => (string?)pair.Value!["Type"] == "Custom::AWSCDK-EKS-KubernetesResource" && Flatten(pair.Value!["Properties"]!["Manifest"]!).Contains("\"kind\":\"KafkaConnect\"", StringComparison.Ordinal)).Key;

        Assert.Contains(policyResource, resources[connectResource]!["DependsOn"]!.AsArray().Select(node => (string?)node));
    }

    [Fact]
    public void The_load_balancer_subnet_cidrs_are_the_last_blocks_of_the_vpc()
    {
        Assert.Equal(["10.20.255.208/28", "10.20.255.224/28", "10.20.255.240/28"], PlatformVpc.RestLoadBalancerCidrs("10.20.0.0/16", 3));
        Assert.Equal(["10.0.0.208/28", "10.0.0.224/28", "10.0.0.240/28"], PlatformVpc.RestLoadBalancerCidrs("10.0.0.0/24", 3));
    }

    private static bool SelectsConnectPods(JsonNode policy) =>
        LabelsMatch(policy["spec"]!["podSelector"]!["matchLabels"], ConnectClusterNames.PodLabels)
        && (string?)policy["metadata"]!["namespace"] == ConnectClusterNames.Namespace;

    /// <summary>NetworkPolicy v1 ingress: some rule whose ports contain the port and whose peers (or none) match.</summary>
    private static bool Admits(JsonNode policy, Source source, int port) =>
        policy["spec"]!["ingress"]!.AsArray().Any(rule =>
            (rule!["ports"] is not JsonArray ports || ports.Any(candidate => (int?)candidate!["port"] == port && ((string?)candidate["protocol"] ?? "TCP") == "TCP"))
            && (rule["from"] is not JsonArray peers || peers.Count == 0 || peers.Any(peer => PeerMatches(peer!, source, (string)policy["metadata"]!["namespace"]!))));

    private static bool PeerMatches(JsonNode peer, Source source, string policyNamespace)
    {
        if (peer["ipBlock"] is { } block)
        {
            return Contains((string)block["cidr"]!, source.Address + "/32")
                && !(block["except"]?.AsArray().Any(except => Contains((string)except!, source.Address + "/32")) ?? false);
        }

        // A pod peer: the source must be a pod.
        if (source.Namespace.Length == 0)
        {
            return false;
        }

        var namespaceMatches = peer["namespaceSelector"] is { } namespaceSelector
            ? LabelsMatch(namespaceSelector["matchLabels"], new Dictionary<string, string> { [ConnectManifests.NamespaceNameLabel] = source.Namespace })
            : source.Namespace == policyNamespace;
        var podMatches = peer["podSelector"] is not { } podSelector || LabelsMatch(podSelector["matchLabels"], source.Labels);
        return namespaceMatches && podMatches;
    }

    private static bool LabelsMatch(JsonNode? matchLabels, IReadOnlyDictionary<string, string> labels) =>
        matchLabels is null || matchLabels.AsObject().All(pair => labels.TryGetValue(pair.Key, out var value) && value == (string?)pair.Value);

    private static string FirstAddress(string cidr, int offset)
    {
        var (network, _) = Parse(cidr);
        var address = network + (uint)offset;
        return new IPAddress(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(address))).ToString();
    }

    private static (uint Network, int Prefix) Parse(string cidr)
    {
        var parts = cidr.Split('/');
        var bytes = IPAddress.Parse(parts[0]).GetAddressBytes();
        return (System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static bool Contains(string outer, string inner)
    {
        var (outerNetwork, outerPrefix) = Parse(outer);
        var (innerNetwork, innerPrefix) = Parse(inner);
        var mask = outerPrefix == 0 ? 0u : uint.MaxValue << (32 - outerPrefix);
        return innerPrefix >= outerPrefix && (innerNetwork & mask) == (outerNetwork & mask);
    }

    private static bool Overlaps(string a, string b) => Contains(a, b) || Contains(b, a);

    /// <summary>The Kubernetes objects a stack applies: each manifest resource's JSON, tokens replaced by a placeholder.</summary>
    private static IEnumerable<JsonNode> Manifests(Template template) =>
        template.PropertiesOfType("Custom::AWSCDK-EKS-KubernetesResource")
            .SelectMany(properties => JsonNode.Parse(Flatten(properties["Manifest"]!))!.AsArray())
            .Select(node => node!);

    /// <summary>A string or Fn::Join of strings and tokens, with every token as "TOKEN".</summary>
    private static string Flatten(JsonNode value) => value switch
    {
        JsonValue text => (string)text!,
        JsonObject join when join["Fn::Join"] is JsonArray parts => string.Join((string)parts[0]!, parts[1]!.AsArray().Select(part => part is JsonValue literal ? (string)literal! : "TOKEN")),
        _ => "TOKEN",
    };
}
