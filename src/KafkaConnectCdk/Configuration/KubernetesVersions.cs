namespace KafkaConnectCdk.Configuration;

/// <summary>
/// The Kubernetes versions this build can run: each needs its own kubectl layer package (generated from npm by
/// scripts/setup.sh), because kubectl must match the cluster's minor version and CDK only warns when it does not.
/// </summary>
public static class KubernetesVersions
{
    public static readonly IReadOnlyList<string> Supported = ["1.35"];
}
