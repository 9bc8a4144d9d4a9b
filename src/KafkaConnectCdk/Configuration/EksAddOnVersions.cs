namespace KafkaConnectCdk.Configuration;

/// <summary>
/// The EKS add-on versions each supported Kubernetes version deploys (<c>AWS::EKS::Addon.AddonVersion</c>). Without a
/// pin EKS installs whatever is its default on the day the add-on is created, so a redeploy months later would not run
/// what was tested. To bump one, list what EKS publishes for the cluster's version and pick a tested one:
/// <code>aws eks describe-addon-versions --kubernetes-version 1.35 --addon-name eks-pod-identity-agent \
///   --query 'addons[].addonVersions[].{Version: addonVersion, Default: compatibilities[0].defaultVersion}' --output table</code>
/// A new Kubernetes version in <see cref="KubernetesVersions.Supported"/> needs its own row here (a test checks).
/// Changing a version updates the add-on in place (<c>ResolveConflicts: OVERWRITE</c>).
/// </summary>
public static class EksAddOnVersions
{
    public const string PodIdentityAgent = "eks-pod-identity-agent";

    /// <summary>The Secrets Store CSI driver and its AWS provider, in one add-on.</summary>
    public const string SecretsStoreProvider = "aws-secrets-store-csi-driver-provider";

    /// <summary>Container Insights: the CloudWatch agent and Fluent Bit, for the pod metrics the alarms and dashboard read.</summary>
    public const string CloudWatchObservability = "amazon-cloudwatch-observability";

    public static IReadOnlyList<string> AddOns { get; } = [PodIdentityAgent, SecretsStoreProvider, CloudWatchObservability];

    /// <summary>
    /// Versions by Kubernetes minor version. Where each was found published for that version:
    /// <list type="bullet">
    /// <item>eks-pod-identity-agent v1.3.10-eksbuild.2: awslabs/cdk-eks-blueprints lib/addons/eks-pod-identity-agent/index.ts
    /// (versionMap, KubernetesVersion.V1_35; commit 05d3dbd).</item>
    /// <item>aws-secrets-store-csi-driver-provider v3.1.1-eksbuild.1: the EKS default for Kubernetes 1.35 per
    /// aws-controllers-k8s/test-infra#982 and #983 (found with the command above); still listed for 1.35 in #1051.
    /// Chart 3.1.1 of aws/secrets-store-csi-driver-provider-aws.</item>
    /// <item>amazon-cloudwatch-observability v5.3.1-eksbuild.1: awslabs/cdk-eks-blueprints
    /// lib/addons/cloud-watch-insights/index.ts (versionMap, KubernetesVersion.V1_35; commit 05d3dbd). Chart 5.3.1 of
    /// aws-observability/helm-charts (release commit 132c642).</item>
    /// </list>
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ByKubernetesVersion { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["1.35"] = new Dictionary<string, string>
            {
                [PodIdentityAgent] = "v1.3.10-eksbuild.2",
                [SecretsStoreProvider] = "v3.1.1-eksbuild.1",
                [CloudWatchObservability] = "v5.3.1-eksbuild.1",
            },
        };

    /// <summary>The pinned version, or null when this build has none for that Kubernetes version (the validator reports it).</summary>
    public static string? For(string kubernetesVersion, string addOn) =>
        ByKubernetesVersion.TryGetValue(kubernetesVersion, out var versions) && versions.TryGetValue(addOn, out var version) ? version : null;
}
