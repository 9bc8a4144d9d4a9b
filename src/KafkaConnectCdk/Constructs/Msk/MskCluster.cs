using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.MSK;
using Amazon.CDK.CustomResources;
using Cdklabs.CdkNag;
using Constructs;
using KafkaConnectCdk.Compliance;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Constructs.Msk;

public sealed record MskClusterProps(
    string ClusterName,
    IVpc Vpc,
    MskConfig Msk,
    IReadOnlyList<ISecurityGroup> ClientSecurityGroups,
    RemovalPolicy LogRemovalPolicy);

/// <summary>
/// A provisioned MSK cluster that only speaks TLS and authenticates clients with IAM (SASL/IAM, port 9098):
/// one broker per zone (or a multiple), encrypted with a rotating customer-managed key, broker logs in CloudWatch,
/// per-partition metrics, Prometheus exporters, and EBS volumes that grow with use.
/// </summary>
public sealed class MskCluster : Construct
{
    public const int SaslIamPort = 9098;

    /// <summary>Broker defaults for durable change data: three copies, two in sync before a write counts, no data loss on leader election.</summary>
    public static IReadOnlyDictionary<string, string> ServerProperties(MskConfig msk) => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["auto.create.topics.enable"] = "false",
        ["default.replication.factor"] = "3",
        ["min.insync.replicas"] = "2",
        ["unclean.leader.election.enable"] = "false",
        ["num.partitions"] = "3",
        ["log.retention.hours"] = msk.TopicRetentionHours.ToString(CultureInfo.InvariantCulture),
        ["offsets.topic.replication.factor"] = "3",
        ["transaction.state.log.replication.factor"] = "3",
        ["transaction.state.log.min.isr"] = "2",
    };

    public MskCluster(Construct scope, string id, MskClusterProps props) : base(scope, id)
    {
        Name = props.ClusterName;
        var stack = Stack.Of(this);
        EncryptionKey = RotatingKeys.Create(this, "Key",
            $"Encrypts the data volumes and broker logs of MSK cluster {props.ClusterName}", props.LogRemovalPolicy, encryptsLogs: true);

        var brokerLogs = new LogGroup(this, "BrokerLogs", new LogGroupProps
        {
            EncryptionKey = EncryptionKey,
            Retention = CloudWatchRetention.FromDays(props.Msk.BrokerLogRetentionDays),
            RemovalPolicy = props.LogRemovalPolicy,
        });

        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = props.Vpc,
            Description = $"MSK brokers of {props.ClusterName}: SASL/IAM over TLS from the platform Kafka clients only",
            AllowAllOutbound = false,
        });
        foreach (var client in props.ClientSecurityGroups)
        {
            SecurityGroup.AddIngressRule(client, Port.Tcp(SaslIamPort), "Kafka clients (SASL/IAM over TLS)");
        }

        var configuration = new CfnConfiguration(this, "Configuration", new CfnConfigurationProps
        {
            Name = $"{props.ClusterName}-brokers",
            Description = "Durable broker defaults for change data capture",
            ServerProperties = string.Join('\n', ServerProperties(props.Msk).Select(property => $"{property.Key}={property.Value}")),
        });

        Cluster = new CfnCluster(this, "Cluster", new CfnClusterProps
        {
            ClusterName = props.ClusterName,
            KafkaVersion = props.Msk.KafkaVersion,
            NumberOfBrokerNodes = props.Msk.BrokerCount,
            BrokerNodeGroupInfo = new CfnCluster.BrokerNodeGroupInfoProperty
            {
                InstanceType = props.Msk.BrokerInstanceType,
                ClientSubnets = props.Vpc.SelectSubnets(new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS, OnePerAz = true }).SubnetIds,
                SecurityGroups = [SecurityGroup.SecurityGroupId],
                StorageInfo = new CfnCluster.StorageInfoProperty
                {
                    EbsStorageInfo = new CfnCluster.EBSStorageInfoProperty { VolumeSize = props.Msk.VolumeSizeGiB },
                },
            },
            ClientAuthentication = new CfnCluster.ClientAuthenticationProperty
            {
                Sasl = new CfnCluster.SaslProperty { Iam = new CfnCluster.IamProperty { Enabled = true } },
                Unauthenticated = new CfnCluster.UnauthenticatedProperty { Enabled = false },
            },
            EncryptionInfo = new CfnCluster.EncryptionInfoProperty
            {
                EncryptionAtRest = new CfnCluster.EncryptionAtRestProperty { DataVolumeKmsKeyId = EncryptionKey.KeyArn },
                EncryptionInTransit = new CfnCluster.EncryptionInTransitProperty { ClientBroker = "TLS", InCluster = true },
            },
            ConfigurationInfo = new CfnCluster.ConfigurationInfoProperty { Arn = configuration.AttrArn, Revision = configuration.AttrLatestRevisionRevision },
            EnhancedMonitoring = "PER_TOPIC_PER_PARTITION",
            OpenMonitoring = new CfnCluster.OpenMonitoringProperty
            {
                Prometheus = new CfnCluster.PrometheusProperty
                {
                    JmxExporter = new CfnCluster.JmxExporterProperty { EnabledInBroker = true },
                    NodeExporter = new CfnCluster.NodeExporterProperty { EnabledInBroker = true },
                },
            },
            LoggingInfo = new CfnCluster.LoggingInfoProperty
            {
                BrokerLogs = new CfnCluster.BrokerLogsProperty
                {
                    CloudWatchLogs = new CfnCluster.CloudWatchLogsProperty { Enabled = true, LogGroup = brokerLogs.LogGroupName },
                },
            },
        });
        Cluster.ApplyRemovalPolicy(props.LogRemovalPolicy);

        AddStorageAutoScaling(props.Msk);
        BootstrapBrokersSaslIam = ReadBootstrapBrokers();
    }

    public CfnCluster Cluster { get; }

    /// <summary>The cluster's name, literal, for what watches it by name (its metrics' Cluster Name dimension).</summary>
    public string Name { get; }

    public string ClusterArn => Cluster.AttrArn;

    public ISecurityGroup SecurityGroup { get; }

    public IKey EncryptionKey { get; }

    /// <summary>The SASL/IAM bootstrap string (host:9098,...), read from MSK at deploy time.</summary>
    public string BootstrapBrokersSaslIam { get; }

    /// <summary>What a Kafka client needs on the cluster itself: connect, describe, and idempotent writes (Kafka's default producer).</summary>
    public void GrantClientConnect(IGrantable grantee) =>
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions =
            [
                "kafka-cluster:Connect", "kafka-cluster:DescribeCluster", "kafka-cluster:DescribeClusterDynamicConfiguration",
                "kafka-cluster:WriteDataIdempotently",
            ],
            Resources = [ClusterArn],
        }));

    /// <summary>Read, write and create the named topics; a name ending in <c>*</c> covers every topic it prefixes.</summary>
    public void GrantTopics(IGrantable grantee, IEnumerable<string> topics) =>
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions =
            [
                "kafka-cluster:DescribeTopic", "kafka-cluster:CreateTopic", "kafka-cluster:ReadData", "kafka-cluster:WriteData",
                "kafka-cluster:DescribeTopicDynamicConfiguration",
            ],
            Resources = [.. topics.Select(topic => ResourceArn("topic", topic))],
        }));

    public void GrantGroups(IGrantable grantee, IEnumerable<string> groups) =>
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"],
            Resources = [.. groups.Select(group => ResourceArn("group", group))],
        }));

    /// <summary>
    /// Exactly <paramref name="actions"/> on the named resources of one type (<c>topic</c>, <c>group</c>,
    /// <c>transactional-id</c>); a name ending in <c>*</c> covers every name it prefixes.
    /// </summary>
    public void Grant(IGrantable grantee, string resourceType, IEnumerable<string> names, params string[] actions) =>
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = actions,
            Resources = [.. names.Select(name => ResourceArn(resourceType, name))],
        }));

    // arn:aws:kafka:REGION:ACCOUNT:topic|group|transactional-id/CLUSTER_NAME/CLUSTER_UUID/NAME, the UUID being the cluster ARN's last part.
    private string ResourceArn(string resourceType, string name) =>
        Fn.Join("", [Fn.Join(":", ["arn", Aws.PARTITION, "kafka", Aws.REGION, Aws.ACCOUNT_ID, $"{resourceType}/{Cluster.ClusterName}"]), "/", Fn.Select(2, Fn.Split("/", ClusterArn)), "/", name]);

    private void AddStorageAutoScaling(MskConfig msk)
    {
        var target = new CfnScalableTarget(this, "StorageScalingTarget", new CfnScalableTargetProps
        {
            ServiceNamespace = "kafka",
            ScalableDimension = "kafka:broker-storage:VolumeSize",
            ResourceId = ClusterArn,
            MinCapacity = 1,
            MaxCapacity = msk.MaxVolumeSizeGiB,
            // No RoleArn: Application Auto Scaling uses its service-linked role for MSK.
        });
        new CfnScalingPolicy(this, "StorageScalingPolicy", new CfnScalingPolicyProps
        {
            PolicyName = "broker-storage-utilization",
            PolicyType = "TargetTrackingScaling",
            ScalingTargetId = target.Ref,
            TargetTrackingScalingPolicyConfiguration = new CfnScalingPolicy.TargetTrackingScalingPolicyConfigurationProperty
            {
                TargetValue = msk.StorageTargetUtilizationPercent,
                PredefinedMetricSpecification = new CfnScalingPolicy.PredefinedMetricSpecificationProperty
                {
                    PredefinedMetricType = "KafkaBrokerStorageUtilization",
                },
                // EBS volumes cannot shrink.
                DisableScaleIn = true,
            },
        });
    }

    // CfnCluster has no attribute for the bootstrap brokers: ask MSK once the cluster exists, and again when it is replaced.
    private string ReadBootstrapBrokers()
    {
        var call = new AwsSdkCall
        {
            Service = "Kafka",
            Action = "getBootstrapBrokers",
            Parameters = new Dictionary<string, object> { ["ClusterArn"] = ClusterArn },
            PhysicalResourceId = PhysicalResourceId.Of(ClusterArn),
        };
        var reader = new AwsCustomResource(this, "BootstrapBrokers", new AwsCustomResourceProps
        {
            OnCreate = call,
            OnUpdate = call,
            InstallLatestAwsSdk = false,
            // The Service Authorization Reference lists no resource type for kafka:GetBootstrapBrokers, so only "*" grants
            // it (iam-data; iam-simulate answers must.use.wildcard for the cluster ARN). Without a reference to the cluster
            // the policy is created at the start of the deployment, not moments before the call (aws/aws-cdk#37085).
            Policy = AwsCustomResourcePolicy.FromStatements(
            [
                new PolicyStatement(new PolicyStatementProps { Actions = ["kafka:GetBootstrapBrokers"], Resources = ["*"] }),
            ]),
        });
        NagSuppressions.AddResourceSuppressions(reader, [NagSuppression.GetBootstrapBrokersUnscoped], applyToChildren: true);
        // The reader's handler is aws-cdk-lib's stack-wide singleton, created beside the stack's other top-level constructs.
        NagSuppressions.AddResourceSuppressions(
            CdkManagedResources.AwsCustomResourceProvider(Stack.Of(this)),
            [NagSuppression.CdkSingletonBasicExecutionRole, NagSuppression.CdkSingletonRuntime],
            applyToChildren: true);
        return reader.GetResponseField("BootstrapBrokerStringSaslIam");
    }
}
