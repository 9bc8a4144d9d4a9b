using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Constructs.Kubernetes;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

/// <summary>
/// The Connect stack's deployment order, read from the synthesized template: CloudFormation starts a resource only once
/// everything it names in DependsOn, Ref, Fn::GetAtt or Fn::Sub is complete, so these edges, followed transitively, are
/// the order. Resources are found by what the template says they are (chart names, manifest kinds, read-back targets),
/// not through the constructs that made them.
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class ConnectDeploymentOrderTests(SynthesizedPlatform platform)
{
    public static TheoryData<string> Environments => ["dev", "prod"];

    private DeploymentGraph Graph(string environment) => new(platform.ViewOf(platform.Environment(environment).Connect));

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_operator_the_add_ons_and_the_worker_identity_are_in_place_before_the_kafka_connect_is_applied(string environment)
    {
        var graph = Graph(environment);
        var kafkaConnect = graph.ManifestOf("KafkaConnect", "cdc");

        graph.AssertAfter(kafkaConnect, graph.HelmChart("strimzi-kafka-operator"));
        var addOns = graph.OfType("AWS::EKS::Addon");
        Assert.Equal(EksAddOnVersions.AddOns.Count, addOns.Count);
        Assert.All(addOns, addOn => graph.AssertAfter(kafkaConnect, addOn));
        graph.AssertAfter(kafkaConnect, graph.Single("AWS::EKS::PodIdentityAssociation", properties => (string?)properties["ServiceAccount"] == "cdc-connect"));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_rest_service_is_applied_only_once_the_load_balancer_controller_runs(string environment)
    {
        var graph = Graph(environment);
        var controller = graph.HelmChart("aws-load-balancer-controller");

        // Helm's --wait makes the chart resource complete only when the controller's pods are ready.
        Assert.True((bool?)graph.Properties(controller)["Wait"]);
        graph.AssertAfter(graph.ManifestOf("Service", "cdc-connect-rest"), controller);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_hostname_lookup_starts_after_the_service_and_the_controller(string environment)
    {
        var graph = Graph(environment);
        var lookup = graph.ReadBack("service", "cdc-connect-rest");

        graph.AssertAfter(lookup, graph.ManifestOf("Service", "cdc-connect-rest"));
        graph.AssertAfter(lookup, graph.HelmChart("aws-load-balancer-controller"));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Connectors_are_registered_only_after_kafka_connect_reports_ready_and_the_endpoint_is_known(string environment)
    {
        var graph = Graph(environment);
        var connectors = graph.OfType(ConnectorRegistration.ResourceType);

        Assert.NotEmpty(connectors);
        Assert.All(connectors, connector =>
        {
            graph.AssertAfter(connector, graph.ReadBack("kafkaconnect", "cdc"));
            graph.AssertAfter(connector, graph.ReadBack("service", "cdc-connect-rest"));
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void No_read_back_starts_its_timer_before_the_object_it_reads_is_applied(string environment)
    {
        var graph = Graph(environment);
        var readBacks = graph.OfType("Custom::AWSCDK-EKS-KubernetesObjectValue");

        // Connect Ready, the REST endpoint's hostname, and (with lakehouse sinks) the control-topic Job's success.
        Assert.Equal(3, readBacks.Count);
        Assert.All(readBacks, readBack =>
        {
            var properties = graph.Properties(readBack);
            var name = DeploymentGraph.NameOf((string)properties["ObjectName"]!);
            var creator = graph.ManifestOf((string)properties["ObjectType"]!, name, (string?)properties["ObjectNamespace"]);
            graph.AssertAfter(readBack, creator);
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_read_back_ends_before_the_kubectl_handler_lambda_times_out(string environment)
    {
        // aws-cdk-lib aws-eks/lib/kubectl-provider.js: the handler that runs the read-backs has a 15-minute timeout.
        Assert.Contains("timeout:core_1().Duration.minutes(15)", CdkLibPackage.Read("aws-eks/lib/kubectl-provider.js"), StringComparison.Ordinal);
        Assert.Equal(15, KubectlReadBack.HandlerLimit.ToMinutes());
        var graph = Graph(environment);

        Assert.All(graph.OfType("Custom::AWSCDK-EKS-KubernetesObjectValue"), readBack =>
        {
            var timeout = (int)graph.Properties(readBack)["TimeoutSeconds"]!;
            Assert.InRange(timeout + KubectlReadBack.PollOvershoot.ToSeconds() + KubectlReadBack.FrameworkMargin.ToSeconds(), 60, KubectlReadBack.HandlerLimit.ToSeconds());
        });
    }

    [Fact]
    public void The_kubectl_get_handler_polls_until_the_output_is_not_empty_with_the_object_name_as_the_last_argument()
    {
        var handler = CdkLibPackage.Read("custom-resource-handlers/dist/aws-eks/kubectl-handler/get/__init__.py");

        Assert.Equal("2.277.0", CdkLibPackage.Version);
        Assert.Contains("wait_for_output(['get', '-n', object_namespace, object_type, object_name, \"-o=jsonpath='{{{0}}}'\".format(json_path)], int(timeout_seconds))", handler, StringComparison.Ordinal);
        Assert.Contains("if output:\n        return output", handler, StringComparison.Ordinal);
        Assert.Contains("time.sleep(10)", handler, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_ready_read_back_answers_only_for_the_generation_strimzi_has_reconciled(string environment)
    {
        var graph = Graph(environment);
        var properties = graph.Properties(graph.ReadBack("kafkaconnect", "cdc"));

        // Read as a list, so that a filter can compare two fields of the one item.
        Assert.Equal("--field-selector=metadata.name=cdc", (string?)properties["ObjectName"]);
        Assert.StartsWith(".items[?(@.metadata.generation==@.status.observedGeneration)]", (string?)properties["JsonPath"], StringComparison.Ordinal);
        Assert.EndsWith(".status.conditions[?(@.type==\"Ready\")].status", (string?)properties["JsonPath"], StringComparison.Ordinal);
    }

    [Fact]
    public void Strimzi_1_2_0_reports_the_reconciled_generation_and_keeps_status_apart_from_spec()
    {
        // 041-Crd-kafkaconnect.yaml: with the status subresource, metadata.generation moves only with the spec, and the
        // operator writes status.observedGeneration "of the CRD that was last reconciled".
        var version = StrimziSchemas.ReadYaml("041-Crd-kafkaconnect.yaml")["spec"]!["versions"]!.AsArray().Single(item => (string?)item!["name"] == "v1")!;

        Assert.NotNull(version["subresources"]?["status"]);
        Assert.Equal("integer", (string?)version["schema"]!["openAPIV3Schema"]!["properties"]!["status"]!["properties"]!["observedGeneration"]!["type"]);
    }

    [Fact]
    public void The_ready_read_back_carries_a_fingerprint_of_the_connect_cluster_and_its_connectors()
    {
        string Fingerprint(string environment)
        {
            var graph = Graph(environment);
            return (string)graph.Properties(graph.ReadBack("kafkaconnect", "cdc"))[KubectlReadBack.FingerprintProperty]!;
        }

        Assert.Matches("^[0-9a-f]{16}$", Fingerprint("prod"));
        Assert.NotEqual(Fingerprint("dev"), Fingerprint("prod"));
    }
}

/// <summary>The deployment order of one template: each resource's direct prerequisites, and queries over them.</summary>
public sealed partial class DeploymentGraph
{
    private readonly TemplateView view;
    private readonly Dictionary<string, HashSet<string>> prerequisites = [];

    public DeploymentGraph(TemplateView view)
    {
        this.view = view;
        var resources = view.Resources;
        foreach (var (id, resource) in resources)
        {
            var direct = new HashSet<string>(StringComparer.Ordinal);
            switch (resource!["DependsOn"])
            {
                case JsonArray array:
                    direct.UnionWith(array.Select(item => (string)item!));
                    break;
                case JsonValue value:
                    direct.Add((string)value!);
                    break;
            }

            CollectReferences(resource["Properties"], direct);
            direct.IntersectWith(resources.Select(pair => pair.Key));
            prerequisites[id] = direct;
        }
    }

    public JsonObject Properties(string id) => view.Properties(id);

    public IReadOnlyList<string> OfType(string type) => view.LogicalIdsOfType(type);

    public string Single(string type, Func<JsonObject, bool> predicate) =>
        Assert.Single(OfType(type), id => predicate(Properties(id)));

    public string HelmChart(string chart) => Single("Custom::AWSCDK-EKS-HelmChart", properties => (string?)properties["Chart"] == chart);

    public string ReadBack(string objectType, string name) =>
        Single("Custom::AWSCDK-EKS-KubernetesObjectValue", properties => (string?)properties["ObjectType"] == objectType && NameOf((string)properties["ObjectName"]!) == name);

    /// <summary>The manifest resource that applies the object of this kind (case-insensitive, as kubectl takes it) and name.</summary>
    public string ManifestOf(string kind, string name, string? @namespace = null) => view.Applied(kind, name, @namespace).LogicalId;

    public bool DependsOnTransitively(string resource, string prerequisite)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(prerequisites[resource]);
        while (pending.TryPop(out var next))
        {
            if (next == prerequisite)
            {
                return true;
            }

            if (seen.Add(next))
            {
                foreach (var further in prerequisites[next])
                {
                    pending.Push(further);
                }
            }
        }

        return false;
    }

    public void AssertAfter(string resource, string prerequisite) =>
        Assert.True(DependsOnTransitively(resource, prerequisite), $"{resource} can start before {prerequisite} is complete");

    /// <summary>The object name a read-back selects, also when it reads the object as a list through a field selector.</summary>
    public static string NameOf(string objectName) =>
        FieldSelectorPattern().Match(objectName) is { Success: true } match ? match.Groups[1].Value : objectName;

    private static void CollectReferences(JsonNode? node, HashSet<string> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    switch (key)
                    {
                        case "Ref" when value is JsonValue reference:
                            into.Add((string)reference!);
                            break;
                        case "Fn::GetAtt" when value is JsonArray attribute:
                            into.Add((string)attribute[0]!);
                            break;
                        case "Fn::GetAtt" when value is JsonValue dotted:
                            into.Add(((string)dotted!).Split('.')[0]);
                            break;
                        case "Fn::Sub":
                            var template = value is JsonArray sub ? (string?)sub[0] : (string?)value;
                            foreach (Match match in SubstitutionPattern().Matches(template ?? ""))
                            {
                                into.Add(match.Groups[1].Value);
                            }

                            CollectReferences(value, into);
                            break;
                        default:
                            CollectReferences(value, into);
                            break;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectReferences(item, into);
                }

                break;
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9]+)(\.[A-Za-z0-9.]+)?\}")]
    private static partial Regex SubstitutionPattern();

    [GeneratedRegex("^--field-selector=metadata.name=(.+)$")]
    private static partial Regex FieldSelectorPattern();
}

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class SpecFingerprintTests
{
    private static readonly Amazon.CDK.Stack Stack = new(new Amazon.CDK.App(), "Fingerprint");

    private static string Of(int replicas, string image, string connectorTable) => KafkaConnectCluster.SpecFingerprint(
        Stack,
        new Dictionary<string, object> { ["spec"] = new Dictionary<string, object> { ["replicas"] = replicas, ["image"] = image } },
        [new ManagedConnector("people", ConnectorRole.Source, "io.debezium.connector.mysql.MySqlConnector", 1, new Dictionary<string, string> { ["table.include.list"] = connectorTable }, "hash")]);

    [Fact]
    public void The_fingerprint_is_stable_for_the_same_definition() =>
        Assert.Equal(Of(3, "repo:abc", "db.person"), Of(3, "repo:abc", "db.person"));

    [Fact]
    public void The_fingerprint_changes_with_the_kafka_connect_spec_the_image_and_a_connector_config()
    {
        var original = Of(3, "repo:abc", "db.person");

        Assert.NotEqual(original, Of(4, "repo:abc", "db.person"));
        Assert.NotEqual(original, Of(3, "repo:def", "db.person"));
        Assert.NotEqual(original, Of(3, "repo:abc", "db.person,db.orders"));
    }

    [Fact]
    public void With_deploy_time_values_in_the_manifest_the_fingerprint_still_sees_literals_and_references()
    {
        var withAccount = Of(3, $"{Amazon.CDK.Aws.ACCOUNT_ID}.dkr.ecr/repo:abc", "db.person");

        Assert.Equal(withAccount, Of(3, $"{Amazon.CDK.Aws.ACCOUNT_ID}.dkr.ecr/repo:abc", "db.person"));
        Assert.NotEqual(withAccount, Of(4, $"{Amazon.CDK.Aws.ACCOUNT_ID}.dkr.ecr/repo:abc", "db.person"));
        Assert.NotEqual(withAccount, Of(3, $"{Amazon.CDK.Aws.ACCOUNT_ID}.dkr.ecr/repo:def", "db.person"));
        Assert.NotEqual(withAccount, Of(3, $"{Amazon.CDK.Aws.REGION}.dkr.ecr/repo:abc", "db.person"));
    }
}
