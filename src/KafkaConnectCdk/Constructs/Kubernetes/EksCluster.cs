using KafkaConnectCdk.Compliance;
using Cdklabs.CdkNag;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Constructs.Kubernetes;

public sealed record EksClusterProps(
    string ClusterName,
    IVpc Vpc,
    KubernetesConfig Kubernetes,
    IReadOnlyList<ISecurityGroup> NodeSecurityGroups,
    RemovalPolicy LogRemovalPolicy);

/// <summary>
/// An EKS cluster with a private API endpoint, access entries (authentication mode API), all control-plane logs in
/// an encrypted log group, KMS envelope encryption of secrets, a Graviton managed node group spread over the zones,
/// the AWS Load Balancer Controller, and the add-ons the Connect pods rely on (Pod Identity, Secrets Store CSI).
/// </summary>
public sealed class EksCluster : Construct
{
    public static readonly IReadOnlyList<string> AddOns = EksAddOnVersions.AddOns;

    /// <summary>
    /// The VPC CNI as a managed add-on, with its network policy agent on so that NetworkPolicies are enforced (EKS user
    /// guide, "Restrict Pod network traffic with Kubernetes network policies": configuration enableNetworkPolicy "true";
    /// without it, the aws-node DaemonSet ignores every NetworkPolicy).
    /// </summary>
    public const string VpcCniAddOn = EksAddOnVersions.VpcCni;

    public const string VpcCniConfiguration = """{"enableNetworkPolicy":"true"}""";

    /// <summary>Container Insights: the CloudWatch agent and Fluent Bit, for the pod metrics the alarms and dashboard read.</summary>
    public const string ContainerInsightsAddOn = "amazon-cloudwatch-observability";

    public EksCluster(Construct scope, string id, EksClusterProps props) : base(scope, id)
    {
        Name = props.ClusterName;
        var kubernetes = props.Kubernetes;
        var key = RotatingKeys.Create(this, "SecretsKey",
            $"Envelope encryption of Kubernetes secrets and control-plane logs of {props.ClusterName}", props.LogRemovalPolicy, encryptsLogs: true,
            denyGrantsNotForAwsResources: false);
        SecretsKey = key;

        // EKS writes to this name; created first so that the logs are encrypted and expire.
        var controlPlaneLogs = new LogGroup(this, "ControlPlaneLogs", new LogGroupProps
        {
            LogGroupName = $"/aws/eks/{props.ClusterName}/cluster",
            EncryptionKey = key,
            Retention = CloudWatchRetention.FromDays(kubernetes.ControlPlaneLogRetentionDays),
            RemovalPolicy = props.LogRemovalPolicy,
        });

        Cluster = new Cluster(this, "Cluster", new ClusterProps
        {
            ClusterName = props.ClusterName,
            Version = KubernetesVersion.Of(kubernetes.Version),
            KubectlLayer = KubectlLayers.For(this, "KubectlLayer", kubernetes.Version),
            Vpc = props.Vpc,
            VpcSubnets = [new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS }],
            DefaultCapacity = 0,
            EndpointAccess = kubernetes.PublicEndpointCidrs.Count == 0
                ? EndpointAccess.PRIVATE
                : EndpointAccess.PUBLIC_AND_PRIVATE.OnlyFrom([.. kubernetes.PublicEndpointCidrs]),
            PlaceClusterHandlerInVpc = true,
            AuthenticationMode = AuthenticationMode.API,
            SecretsEncryptionKey = key,
            ClusterLogging =
            [
                ClusterLoggingTypes.API, ClusterLoggingTypes.AUDIT, ClusterLoggingTypes.AUTHENTICATOR,
                ClusterLoggingTypes.CONTROLLER_MANAGER, ClusterLoggingTypes.SCHEDULER,
            ],
            AlbController = new AlbControllerOptions { Version = AlbControllerVersion.V3_2_2 },
        });
        Cluster.Node.AddDependency(controlPlaneLogs);

        Cluster.GrantAccess("PlatformAdmin", kubernetes.AdminPrincipalArn,
        [
            AccessPolicy.FromAccessPolicyName("AmazonEKSClusterAdminPolicy", new AccessPolicyNameOptions { AccessScopeType = AccessScopeType.CLUSTER }),
        ]);

        Nodes = AddNodes(props);
        AddContainerInsightsIdentity();
        AddOnResources =
        [
            .. AddOns.Select(addOn =>
            {
                var resource = new CfnAddon(this, addOn, new CfnAddonProps
                {
                    ClusterName = Cluster.ClusterName,
                    AddonName = addOn,
                    AddonVersion = EksAddOnVersions.For(kubernetes.Version, addOn),
                    ResolveConflicts = "OVERWRITE",
                    ConfigurationValues = addOn == VpcCniAddOn ? VpcCniConfiguration : null,
                });
                // The VPC CNI adopts the aws-node DaemonSet EKS installs with the cluster (OVERWRITE) and turns on policy
                // enforcement before any Connect pod; the others run pods, so they wait for the nodes.
                if (addOn != VpcCniAddOn)
                {
                    resource.Node.AddDependency(Nodes);
                }

                return (Construct)resource;
            }),
        ];

        SuppressNagFindings();
    }

    private static readonly string[] EksManagedPolicies =
    [
        "AmazonEKSClusterPolicy", "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly",
        "AmazonEC2ContainerRegistryPullOnly", "service-role/AWSLambdaBasicExecutionRole", "service-role/AWSLambdaVPCAccessExecutionRole",
    ];

    /// <summary>What aws-eks generates for this cluster (its providers, roles and the ALB controller's policy) and the agent's managed policy.</summary>
    private void SuppressNagFindings()
    {
        foreach (var provider in CdkManagedResources.EksProviders(Stack.Of(this)))
        {
            NagSuppressions.AddResourceSuppressions(provider,
            [
                NagSuppression.EksProviderRuntimes,
                NagSuppression.EksProviderManagedPolicies,
                NagSuppression.EksProviderWildcards,
                NagSuppression.EksProviderWaiterLogging,
                NagSuppression.EksProviderWaiterTracing,
            ], applyToChildren: true);
        }

        NagSuppressions.AddResourceSuppressions(Node.FindChild("CloudWatchAgentRole"),
            [NagSuppression.CloudWatchAgentPolicy],
            applyToChildren: true);
        NagSuppressions.AddResourceSuppressions(Cluster,
        [
            NagSuppression.EksServiceManagedPolicies
                .AppliesTo(EksManagedPolicies.Select(policy => $"Policy::arn:<AWS::Partition>:iam::aws:policy/{policy}"))
                // The kubectl role attaches ECR Public read access only when the cluster pulls from ECR Public (a CloudFormation condition).
                .AppliesTo(new RegexAppliesTo { Regex = "/^Policy::.*AmazonElasticContainerRegistryPublicReadOnly.*$/" }),
        ], applyToChildren: true);
        NagSuppressions.AddResourceSuppressions(Cluster.Node.FindChild("Resource").Node.FindChild("CreationRole"),
            [NagSuppression.CdkEksClusterCreationRole], applyToChildren: true);
        NagSuppressions.AddResourceSuppressions(Cluster.AlbController!,
            [NagSuppression.AlbControllerPolicy], applyToChildren: true);
    }

    /// <summary>The CloudWatch agent's identity (EKS Pod Identity on the add-on's service account).</summary>
    private void AddContainerInsightsIdentity()
    {
        var role = new Role(this, "CloudWatchAgentRole", new RoleProps
        {
            Description = "CloudWatch agent of Container Insights (EKS Pod Identity)",
            AssumedBy = new SessionTagsPrincipal(new ServicePrincipal("pods.eks.amazonaws.com")),
            ManagedPolicies = [ManagedPolicy.FromAwsManagedPolicyName("CloudWatchAgentServerPolicy")],
        });
        new CfnPodIdentityAssociation(this, "CloudWatchAgentIdentity", new CfnPodIdentityAssociationProps
        {
            ClusterName = Cluster.ClusterName,
            Namespace = "amazon-cloudwatch",
            ServiceAccount = "cloudwatch-agent",
            RoleArn = role.RoleArn,
        });
    }

    /// <summary>The add-ons, for objects that need their CRDs or agents first.</summary>
    public IReadOnlyList<Construct> AddOnResources { get; }

    public Cluster Cluster { get; }

    /// <summary>The cluster's name, literal, for what watches it by name (Container Insights' ClusterName dimension).</summary>
    public string Name { get; }

    /// <summary>The key of the Kubernetes secrets and control-plane logs (no grant restriction: see RotatingKeys.Create).</summary>
    public Amazon.CDK.AWS.KMS.IKey SecretsKey { get; }

    public Nodegroup Nodes { get; }

    private Nodegroup AddNodes(EksClusterProps props)
    {
        // The Connect workers reach MSK and MySQL from the nodes: the node group carries the cluster's own security
        // group (EKS omits it once a launch template names groups) plus the groups MSK and the database admit.
        var launchTemplate = new LaunchTemplate(this, "NodeLaunchTemplate", new LaunchTemplateProps
        {
            RequireImdsv2 = true,
            // One hop: no pod reaches IMDS (Control Tower CT.EC2.PR.2). What runs on the nodes does not need it from a
            // pod network namespace: the Container Insights agent and Fluent Bit run with hostNetwork (aws-observability/
            // helm-charts amazon-cloudwatch-observability 5.3.1, templates/linux/cloudwatch-agent-custom-resource.yaml
            // and fluent-bit-daemonset.yaml), so do aws-node and the Pod Identity agent; the AWS Load Balancer
            // Controller is given its region and VPC id (aws-cdk-lib aws-eks/lib/alb-controller.js Helm values); the
            // metrics scraper states its region and runs the agent with RUN_WITH_IRSA (ConnectMetricsScrape), so that
            // it uses EKS Pod Identity (169.254.170.23) instead of falling back to its on-premises mode without IMDS.
            HttpPutResponseHopLimit = 1,
            // One-minute instance metrics (Control Tower CT.EC2.PR.10).
            DetailedMonitoring = true,
            SecurityGroup = SecurityGroup.FromSecurityGroupId(this, "ClusterSecurityGroup", Cluster.ClusterSecurityGroupId),
            BlockDevices =
            [
                new BlockDevice
                {
                    DeviceName = "/dev/xvda",
                    Volume = BlockDeviceVolume.Ebs(50, new EbsDeviceOptions { Encrypted = true, VolumeType = EbsDeviceVolumeType.GP3 }),
                },
            ],
        });
        foreach (var group in props.NodeSecurityGroups)
        {
            launchTemplate.AddSecurityGroup(group);
        }

        var kubernetes = props.Kubernetes;
        return Cluster.AddNodegroupCapacity("Workers", new NodegroupOptions
        {
            NodegroupName = "connect-workers",
            AmiType = NodegroupAmiType.AL2023_ARM_64_STANDARD,
            InstanceTypes = [.. kubernetes.NodeInstanceTypes.Select(type => new Amazon.CDK.AWS.EC2.InstanceType(type))],
            MinSize = kubernetes.MinNodes,
            DesiredSize = kubernetes.DesiredNodes,
            MaxSize = kubernetes.MaxNodes,
            Subnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            LaunchTemplateSpec = new LaunchTemplateSpec { Id = launchTemplate.LaunchTemplateId!, Version = launchTemplate.LatestVersionNumber },
        });
    }
}
