using k8s.Models;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Connect.Strimzi;

namespace KafkaConnectCdk.Tests.Connect;

/// <summary>The one converter from k8s.Models kinds to the manifests the CDK applies.</summary>
[Trait("Category", "Unit")]
public sealed class KubernetesObjectsTests
{
    /// <summary>
    /// The apiVersion of each kind as the Kubernetes API reference states it (kubernetes.io/docs/reference/kubernetes-api:
    /// Service and ConfigMap "apiVersion: v1", Job "batch/v1", NetworkPolicy "networking.k8s.io/v1").
    /// </summary>
    [Theory]
    [InlineData(typeof(V1Namespace), "v1", "Namespace")]
    [InlineData(typeof(V1ConfigMap), "v1", "ConfigMap")]
    [InlineData(typeof(V1Service), "v1", "Service")]
    [InlineData(typeof(V1Job), "batch/v1", "Job")]
    [InlineData(typeof(V1NetworkPolicy), "networking.k8s.io/v1", "NetworkPolicy")]
    public void The_api_version_and_kind_come_from_the_model_type(Type modelType, string apiVersion, string kind) =>
        Assert.Equal((apiVersion, kind), KubernetesObjects.TypeOf(modelType));

    [Fact]
    public void The_manifest_starts_with_api_version_and_kind_and_leaves_unset_fields_out()
    {
        var manifest = KubernetesObjects.ToJson(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "rules", NamespaceProperty = "kafka-connect" } });

        Assert.Equal(["apiVersion", "kind", "metadata"], manifest.Select(pair => pair.Key));
        Assert.Equal("v1", (string?)manifest["apiVersion"]);
        Assert.Equal("ConfigMap", (string?)manifest["kind"]);
        // The API's own name for the field, not the model's NamespaceProperty.
        Assert.Equal(["name", "namespace"], manifest["metadata"]!.AsObject().Select(pair => pair.Key));
    }

    /// <summary>
    /// A port is an IntOrString; KubernetesClient writes a numeric one as a JSON number
    /// (kubernetes-client/csharp src/KubernetesClient/Models/IntOrStringJsonConverter.cs), as the API serves it.
    /// </summary>
    [Fact]
    public void A_numeric_port_is_written_as_a_number_and_jsii_gets_an_int()
    {
        var service = new V1Service { Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 8083, TargetPort = 8083 }] } };

        var port = (Dictionary<string, object>)((object[])((Dictionary<string, object>)KubernetesObjects.ToManifest(service)["spec"])["ports"])[0];

        Assert.Equal(8083, port["port"]);
        Assert.Equal(8083, port["targetPort"]);
    }

    [Fact]
    public void A_deploy_time_token_passes_through_unchanged()
    {
        const string token = "${Token[TOKEN.1234]}";
        var configMap = new V1ConfigMap { Data = new Dictionary<string, string> { ["bootstrap.servers"] = token } };

        var data = (Dictionary<string, object>)KubernetesObjects.ToManifest(configMap)["data"];

        Assert.Equal(token, data["bootstrap.servers"]);
    }

    [Fact]
    public void A_model_stating_another_kind_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => KubernetesObjects.ToJson(new V1Service { Kind = "ConfigMap" }));

        Assert.Contains("leave ApiVersion and Kind unset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_custom_resource_serializer_refuses_a_kubernetes_model()
    {
        var error = Assert.Throws<ArgumentException>(() => ManifestSerializer.ToJson(new V1ConfigMap()));

        Assert.Contains("KubernetesObjects.ToManifest", error.Message, StringComparison.Ordinal);
    }
}
