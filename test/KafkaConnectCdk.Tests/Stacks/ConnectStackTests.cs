using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Constructs.Kubernetes;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class ConnectStackTests(SynthesizedPlatform platform)
{
    private Template Prod => platform.TemplateOf(platform.Environment("prod").Connect);

    private JsonObject ClusterConfig => Assert.Single(Prod.ResourcesOfType("Custom::AWSCDK-EKS-Cluster"))["Properties"]!["Config"]!.AsObject();

    private TemplateView ProdView => platform.ViewOf(platform.Environment("prod").Connect);

    [Fact]
    public void The_cluster_runs_kubernetes_1_35_with_the_matching_kubectl_layer()
    {
        Assert.Equal("1.35", (string?)ClusterConfig["version"]);
        Assert.Contains(Prod.PropertiesOfType("AWS::Lambda::LayerVersion"), layer => ((string?)layer["Description"])?.Contains("kubectl", StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public void The_api_endpoint_is_private_and_authentication_uses_access_entries()
    {
        var vpcConfig = ClusterConfig["resourcesVpcConfig"]!;

        Assert.False((bool?)vpcConfig["endpointPublicAccess"]);
        Assert.True((bool?)vpcConfig["endpointPrivateAccess"]);
        Assert.Equal("API", (string?)ClusterConfig["accessConfig"]!["authenticationMode"]);
        var accessEntry = Assert.Single(Prod.PropertiesOfType("AWS::EKS::AccessEntry"));
        Assert.Equal("arn:aws:iam::222222222222:role/PlatformAdmin", (string?)accessEntry["PrincipalArn"]);
        Assert.Contains("AmazonEKSClusterAdminPolicy", accessEntry["AccessPolicies"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"cluster\"", accessEntry["AccessPolicies"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_control_plane_log_type_goes_to_an_encrypted_log_group_with_retention()
    {
        var types = ClusterConfig["logging"]!["clusterLogging"]![0]!["types"]!.AsArray().Select(type => (string?)type).Order();
        var logGroup = Prod.PropertiesOfType("AWS::Logs::LogGroup").Single(group => (string?)group["LogGroupName"] == "/aws/eks/kcc-prod/cluster");

        Assert.Equal(["api", "audit", "authenticator", "controllerManager", "scheduler"], types);
        Assert.NotNull(logGroup["KmsKeyId"]);
        // prod keeps a year (cdk.json), as Control Tower's CT.CLOUDWATCH.PR.2 requires of production.
        Assert.Equal(365, (int?)logGroup["RetentionInDays"]);
    }

    [Fact]
    public void Kubernetes_secrets_are_envelope_encrypted_with_kms()
    {
        var encryption = Assert.Single(ClusterConfig["encryptionConfig"]!.AsArray())!;

        Assert.Equal(["secrets"], encryption["resources"]!.AsArray().Select(resource => (string?)resource));
        Assert.NotNull(encryption["provider"]!["keyArn"]);
    }

    [Fact]
    public void Graviton_nodes_span_the_private_subnets_of_three_zones()
    {
        var nodegroup = Assert.Single(Prod.PropertiesOfType("AWS::EKS::Nodegroup"));

        Assert.Equal("AL2023_ARM_64_STANDARD", (string?)nodegroup["AmiType"]);
        Assert.Equal(["m7g.xlarge"], nodegroup["InstanceTypes"]!.AsArray().Select(type => (string?)type));
        Assert.Equal(3, (int?)nodegroup["ScalingConfig"]!["MinSize"]);
        var subnets = nodegroup["Subnets"]!.AsArray().Select(subnet => subnet!.ToJsonString()).ToList();
        Assert.Equal(3, subnets.Count);
        Assert.All(subnets, subnet => Assert.Contains("PrivateSubnet", subnet, StringComparison.Ordinal));
    }

    [Fact]
    public void Nodes_require_imdsv2_encrypted_volumes_and_carry_the_connect_workers_security_group()
    {
        var launchTemplate = Assert.Single(Prod.PropertiesOfType("AWS::EC2::LaunchTemplate"))["LaunchTemplateData"]!;

        Assert.Equal("required", (string?)launchTemplate["MetadataOptions"]!["HttpTokens"]);
        Assert.True((bool?)launchTemplate["BlockDeviceMappings"]![0]!["Ebs"]!["Encrypted"]);
        var groups = launchTemplate["SecurityGroupIds"]!.ToJsonString();
        Assert.Contains("ConnectWorkers", groups, StringComparison.Ordinal);
        Assert.Contains("ClusterSecurityGroupId", groups, StringComparison.Ordinal);
    }

    [Fact]
    public void The_load_balancer_controller_and_the_pod_identity_secrets_store_and_container_insights_add_ons_are_installed()
    {
        Assert.Contains(Prod.PropertiesOfType("Custom::AWSCDK-EKS-HelmChart"), chart => (string?)chart["Chart"] == "aws-load-balancer-controller");
        var addOns = Prod.PropertiesOfType("AWS::EKS::Addon").Select(addOn => (string?)addOn["AddonName"]).Order();
        Assert.Equal(["amazon-cloudwatch-observability", "aws-secrets-store-csi-driver-provider", "eks-pod-identity-agent", "vpc-cni"], addOns);
        Prod.HasResourceProperties("AWS::EKS::PodIdentityAssociation", new Dictionary<string, object> { ["Namespace"] = "amazon-cloudwatch", ["ServiceAccount"] = "cloudwatch-agent" });
    }

    [Fact]
    public void The_strimzi_operator_comes_from_its_pinned_chart_with_a_timeout_under_the_handler_limit()
    {
        var chart = Prod.PropertiesOfType("Custom::AWSCDK-EKS-HelmChart").Single(candidate => (string?)candidate["Chart"] == "strimzi-kafka-operator");

        Assert.Equal("1.2.0", (string?)chart["Version"]);
        Assert.Equal("https://strimzi.io/charts/", (string?)chart["Repository"]);
        Assert.Equal("strimzi", (string?)chart["Namespace"]);
        Assert.True((bool?)chart["Wait"]);
        Assert.Equal("600s", (string?)chart["Timeout"]);
        Assert.True(StrimziOperator.HelmTimeout.ToMinutes() < 15);
        Assert.Contains("kafka-connect", chart["Values"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_strimzi_helm_value_key_exists_in_the_chart()
    {
        var chartValues = StrimziSchemas.ReadYaml("helm-values.yaml").AsObject();

        foreach (var (path, _) in Flatten(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(StrimziOperator.Values("kafka-connect")))!, ""))
        {
            JsonNode? node = chartValues;
            foreach (var segment in path.Split('.'))
            {
                Assert.True(node is JsonObject obj && obj.ContainsKey(segment), $"Helm value '{path}' is not a key of strimzi-kafka-operator 1.2.0's values.yaml");
                node = node![segment];
            }
        }
    }

    [Fact]
    public void The_kafka_connect_and_its_supporting_objects_are_applied()
    {
        ProdView.Applied("KafkaConnect", "cdc", "kafka-connect");
        ProdView.Applied("SecretProviderClass", "connector-secrets", "kafka-connect");
        ProdView.Applied("ConfigMap", "cdc-connect-metrics", "kafka-connect");
    }

    [Fact]
    public void No_template_of_the_app_holds_a_literal_password()
    {
        foreach (var stack in platform.AllStacks)
        {
            foreach (var (key, value) in StringsIn(platform.TemplateJsonOf(stack), ""))
            {
                if (key.Contains("password", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.Fail($"{stack.StackName}: '{key}' holds a literal string");
                }

                // Manifests are JSON inside strings: look at the password keys they carry.
                foreach (var match in System.Text.RegularExpressions.Regex.Matches(value, @"password\\?""\s*:\s*\\?""([^""\\]*)", System.Text.RegularExpressions.RegexOptions.IgnoreCase).Cast<System.Text.RegularExpressions.Match>())
                {
                    Assert.StartsWith("${", match.Groups[1].Value, StringComparison.Ordinal);
                }
            }
        }
    }

    private static IEnumerable<(string Key, string Value)> StringsIn(JsonNode? node, string key) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => StringsIn(pair.Value, pair.Key)),
        JsonArray array => array.SelectMany(item => StringsIn(item, key)),
        JsonValue value when value.TryGetValue<string>(out var text) => [(key, text)],
        _ => [],
    };

    private static IEnumerable<(string Path, JsonNode? Value)> Flatten(JsonNode node, string prefix) =>
        node is JsonObject obj
            ? obj.SelectMany(pair => Flatten(pair.Value!, prefix.Length == 0 ? pair.Key : $"{prefix}.{pair.Key}"))
            : [(prefix, node)];
}
