using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.LambdaLayer.KubectlV35;
using Constructs;
using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Constructs.Kubernetes;

/// <summary>The kubectl layer for each Kubernetes version in <see cref="KubernetesVersions.Supported"/>.</summary>
public static class KubectlLayers
{
    private static readonly IReadOnlyDictionary<string, Func<Construct, string, ILayerVersion>> Factories =
        new Dictionary<string, Func<Construct, string, ILayerVersion>>
        {
            ["1.35"] = (scope, id) => new KubectlV35Layer(scope, id),
        };

    /// <summary>The configuration was validated against the same list; a miss here is a programming error.</summary>
    public static ILayerVersion For(Construct scope, string id, string kubernetesVersion) =>
        Factories.TryGetValue(kubernetesVersion, out var factory)
            ? factory(scope, id)
            : throw new InvalidOperationException($"No kubectl layer for Kubernetes {kubernetesVersion}; KubernetesVersions.Supported and KubectlLayers disagree.");

    public static IReadOnlyCollection<string> Versions => (IReadOnlyCollection<string>)Factories.Keys;
}
