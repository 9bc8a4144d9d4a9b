using System.Reflection;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KafkaConnectCdk.Connect.Strimzi;

namespace KafkaConnectCdk.Connect;

/// <summary>
/// Turns the models of Kubernetes' own kinds (<c>k8s.Models</c>) into the manifests <c>Cluster.AddManifest</c> takes.
/// They are written by KubernetesClient's own serializer (<c>k8s.KubernetesJson</c>: the API's camelCase names, null
/// fields left out, IntOrString and quantities in their wire form), so no hand-written name can drift from the API.
/// </summary>
public static class KubernetesObjects
{
    /// <summary>The manifest as nested dictionaries, lists and primitives, as jsii hands them to the CDK.</summary>
    public static Dictionary<string, object> ToManifest(IKubernetesObject resource) => ManifestSerializer.ToJsii(ToJson(resource));

    /// <summary>
    /// The object as the API server reads it. <c>apiVersion</c> and <c>kind</c> come from the model's type (its
    /// <see cref="KubernetesEntityAttribute"/>): the generated models leave them null, and a type is a kind.
    /// </summary>
    public static JsonObject ToJson(IKubernetesObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var (apiVersion, kind) = TypeOf(resource.GetType());
        if ((resource.ApiVersion ?? apiVersion) != apiVersion || (resource.Kind ?? kind) != kind)
        {
            throw new ArgumentException(
                $"A {resource.GetType().Name} states apiVersion '{resource.ApiVersion}' and kind '{resource.Kind}', but its type is {apiVersion} {kind}: leave ApiVersion and Kind unset.",
                nameof(resource));
        }

        var body = JsonNode.Parse(KubernetesJson.Serialize(resource))!.AsObject();
        var manifest = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (key, value) in body.ToList())
        {
            if (key is not ("apiVersion" or "kind"))
            {
                body.Remove(key);
                manifest[key] = value;
            }
        }

        return manifest;
    }

    /// <summary>
    /// The <c>apiVersion</c> and <c>kind</c> of a model type. The generated constant KubeApiVersion is the version
    /// alone and KubeGroup the group, empty for the core group (kubernetes-client/csharp
    /// src/LibKubernetesGenerator/templates/Model.cs.template), while apiVersion is group/version, or the
    /// version alone in the core group (Kubernetes API conventions, "Resources").
    /// </summary>
    public static (string ApiVersion, string Kind) TypeOf(Type modelType)
    {
        var entity = modelType.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{modelType.Name} is not a Kubernetes kind (no [KubernetesEntity]): build the manifest from a k8s.Models kind such as V1Service.", nameof(modelType));
        return (string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}", entity.Kind);
    }
}
