using Amazon.CDK;
using Amazon.CDK.AWS.EKS;

namespace KafkaConnectCdk.Constructs.Kubernetes;

/// <summary>
/// Bounds and queries of the deploy-time read-backs (<see cref="KubernetesObjectValue"/>). aws-cdk-lib 2.277's kubectl
/// handler (<c>custom-resource-handlers/dist/aws-eks/kubectl-handler/get/__init__.py</c>) runs
/// <c>kubectl get -n NAMESPACE TYPE NAME -o=jsonpath='{PATH}'</c> until the output is not empty, sleeping 10 s between
/// tries and treating every error as retryable, for <c>TimeoutSeconds</c> counted from when CloudFormation starts the
/// resource. It runs in one invocation of the kubectl provider's Lambda (15 minutes, <c>aws-eks/lib/kubectl-provider</c>),
/// without an isComplete step, so a wait cannot outlast that Lambda.
/// </summary>
public static class KubectlReadBack
{
    /// <summary>The kubectl provider handler's Lambda timeout.</summary>
    public static readonly Duration HandlerLimit = Duration.Minutes(15);

    /// <summary>
    /// What one poll can add after the deadline (a kubectl call retried up to 3 times on i/o timeouts, then 10 s of
    /// sleep), plus <c>aws eks update-kubeconfig</c> before the first poll.
    /// </summary>
    public static readonly Duration PollOvershoot = Duration.Minutes(2);

    /// <summary>
    /// Strimzi's Ready wait: the workers' rollout (image pull on fresh nodes, JVM start, joining the group) takes a few
    /// minutes; Strimzi's own operation timeout is 5 minutes per reconciliation and it retries.
    /// </summary>
    public static readonly Duration ReadyTimeout = Duration.Minutes(13);

    /// <summary>
    /// The NLB hostname wait: starts once the Service is applied and the controller runs, so it only covers the
    /// controller creating the load balancer and writing its DNS name into the Service status.
    /// </summary>
    public static readonly Duration HostnameTimeout = Duration.Minutes(10);

    /// <summary>The resource property that makes CloudFormation run a read-back again when what it reads changed.</summary>
    public const string FingerprintProperty = "SpecFingerprint";

    /// <summary>
    /// The Ready status of the KafkaConnect only once Strimzi has reconciled its current spec
    /// (<c>status.observedGeneration</c> equals <c>metadata.generation</c>); empty before, so that the handler keeps polling
    /// instead of returning the previous generation's status. The filter compares two fields of one list item, so the
    /// object is read as a list (<see cref="SelectByName"/>).
    /// </summary>
    public const string ReadyOfReconciledGeneration =
        ".items[?(@.metadata.generation==@.status.observedGeneration)].status.conditions[?(@.type==\"Ready\")].status";

    /// <summary>Selects one object by name as a list: the handler passes the object name as kubectl's last argument before -o.</summary>
    public static string SelectByName(string name) => $"--field-selector=metadata.name={name}";

    public static void SetFingerprint(KubernetesObjectValue value, string fingerprint) =>
        ((CfnResource)value.Node.FindChild("Resource").Node.DefaultChild!).AddPropertyOverride(FingerprintProperty, fingerprint);
}
