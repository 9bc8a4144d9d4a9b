namespace KafkaConnectCdk.Configuration;

/// <summary>The EKS cluster that runs the Strimzi operator and the Kafka Connect workers.</summary>
public sealed record KubernetesConfig
{
    /// <summary>Kubernetes minor version; also selects the kubectl layer, so that the two never disagree.</summary>
    public string Version { get; init; } = "1.35";

    /// <summary>IAM principal (role or user ARN) granted cluster-admin through an EKS access entry.</summary>
    public string AdminPrincipalArn { get; init; } = "";

    /// <summary>CIDRs allowed to reach the public API endpoint. Empty (default): the endpoint is private only.</summary>
    public IReadOnlyList<string> PublicEndpointCidrs { get; init; } = [];

    /// <summary>
    /// Node instance types; Graviton. Default m7g.xlarge: an m7g.large has 1,930m allocatable CPU, of which the per-node
    /// pods and one Connect worker (1 CPU) leave 385m, too little for the operator, CoreDNS and the CloudWatch pods once a
    /// node is lost (the node capacity rule, <see cref="NodeCapacity"/>).
    /// </summary>
    public IReadOnlyList<string> NodeInstanceTypes { get; init; } = ["m7g.xlarge"];

    public int MinNodes { get; init; } = 3;

    public int DesiredNodes { get; init; } = 3;

    public int MaxNodes { get; init; } = 6;

    public int ControlPlaneLogRetentionDays { get; init; } = 90;
}
