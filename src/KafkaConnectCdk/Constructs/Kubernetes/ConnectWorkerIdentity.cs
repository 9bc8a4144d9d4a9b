using KafkaConnectCdk.Compliance;
using Cdklabs.CdkNag;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Constructs.Database;
using KafkaConnectCdk.Constructs.Msk;
using KafkaConnectCdk.Constructs.SchemaRegistry;
using KafkaConnectCdk.Lakehouse;
using Amazon.CDK;

namespace KafkaConnectCdk.Constructs.Kubernetes;

public sealed record ConnectWorkerIdentityProps(
    Cluster Cluster,
    ConnectClusterNames Names,
    IReadOnlyList<ConnectorDefinition> Connectors,
    MskCluster Kafka,
    GlueSchemaRegistry? Registry,
    CdcDatabase Database,
    LakehouseLanding? Lakehouse);

/// <summary>
/// The IAM role of the Connect pods, bound to Strimzi's service account through EKS Pod Identity, with exactly what
/// the configured connectors need: this cluster, the worker's internal topics and group, each connector's data,
/// schema-history and heartbeat topics and schema-history group, the registry's schemas, and the connector secret.
/// </summary>
public sealed class ConnectWorkerIdentity : Construct
{
    public ConnectWorkerIdentity(Construct scope, string id, ConnectWorkerIdentityProps props) : base(scope, id)
    {
        Role = new Role(this, "Role", new RoleProps
        {
            Description = "Kafka Connect workers (EKS Pod Identity)",
            AssumedBy = new SessionTagsPrincipal(new ServicePrincipal("pods.eks.amazonaws.com")),
        });

        props.Kafka.GrantClientConnect(Role);
        props.Kafka.GrantTopics(Role, TopicsOf(props.Names, props.Connectors));
        props.Kafka.GrantGroups(Role, [props.Names.GroupId, .. props.Connectors.Select(DebeziumConnectorConfig.SchemaHistoryConsumerGroup)]);
        if (props.Connectors.Any(connector => connector.Format == ConnectorFormats.Avro))
        {
            props.Registry!.GrantConverterAccess(Role);
        }

        if (props.Lakehouse is { } lakehouse)
        {
            GrantIcebergSinks(props.Kafka, lakehouse);
        }

        // The Secrets Store CSI driver reads the password with the pod's identity.
        props.Database.GrantConnectorSecretRead(Role);

        new CfnPodIdentityAssociation(this, "Association", new CfnPodIdentityAssociationProps
        {
            ClusterName = props.Cluster.ClusterName,
            Namespace = ConnectClusterNames.Namespace,
            ServiceAccount = ConnectClusterNames.ServiceAccount,
            RoleArn = Role.RoleArn,
        });

        SuppressNagFindings(props);
    }

    /// <summary>The role's wildcards, each bounded by a prefix the grants above own.</summary>
    private void SuppressNagFindings(ConnectWorkerIdentityProps props)
    {
        var stack = Stack.Of(this);
        var registryName = props.Registry?.RegistryName;
        var identitySuppressions = new List<NagSuppression>
        {
            NagSuppression.ConnectorTopicWildcard.AppliesTo(
                new RegexAppliesTo { Regex = @"/^Resource::arn:<AWS::Partition>:kafka:<AWS::Region>:<AWS::AccountId>:topic\/.*\.\*$/" }),
        };
        if (props.Lakehouse is not null)
        {
            identitySuppressions.Add(NagSuppression.IcebergSinkKafkaWildcard.AppliesTo(
                new RegexAppliesTo { Regex = @"/^Resource::arn:<AWS::Partition>:kafka:<AWS::Region>:<AWS::AccountId>:(group\/.*\/cg-control-|transactional-id\/.*\/iceberg-)[a-z0-9_.-]+-iceberg-\*$/" }));
            identitySuppressions.Add(NagSuppression.IcebergSinkTableFilesWildcard.AppliesTo(
                // The bucket ARN is a cross-stack value: <Bucket.Arn> or its Fn::GetStackOutput, depending on how the stacks are synthesized.
                new RegexAppliesTo { Regex = $@"/^Resource::(<StorageBucket[0-9A-F]+\.Arn>|\{{""Fn::GetStackOutput"":.*StorageBucket[0-9A-F]+Arn[0-9A-F]+""\}}\}})\/{LakehouseNames.WarehousePrefix}\/[a-z0-9_]+{LandedTable.ChangelogSuffix}\/\*$/" }));
        }

        if (registryName is not null)
        {
            identitySuppressions.Add(NagSuppression.GlueSchemaWildcard.AppliesTo(
                $"Resource::arn:aws:glue:{stack.Region}:{stack.Account}:schema/{registryName}/*",
                $"Resource::arn:aws:glue:{stack.Region}:{stack.Account}:schema/{GlueSchemaRegistry.KeyRegistryNameOf(registryName)}/*"));
            identitySuppressions.Add(NagSuppression.GlueGetSchemaVersionUnscoped);
        }

        NagSuppressions.AddResourceSuppressions(Role, identitySuppressions, applyToChildren: true);
    }

    public Role Role { get; }

    /// <summary>
    /// What the Apache Iceberg sinks (1.11.0) request, and the control-topic Job. Their source topics are already
    /// covered by the source connectors' grant (DescribeTopic, ReadData on prefix.*), the cluster by GrantClientConnect
    /// (Connect, DescribeCluster, WriteDataIdempotently for the transactional producers). Sources, in
    /// kafka-connect/kafka-connect/src/main/java/org/apache/iceberg/ at apache-iceberg-1.11.0 unless named otherwise.
    /// </summary>
    private void GrantIcebergSinks(MskCluster kafka, LakehouseLanding lakehouse)
    {
        var sources = lakehouse.Sinks.Select(sink => sink.Source).ToList();

        // Control topic: the Job creates it (IcebergControlTopicsJob, TopicCommand createTopics); the workers and the
        // coordinator produce to it transactionally and consume it (connect/channel/Channel.java send/consumeAvailable).
        kafka.Grant(Role, "topic", sources.Select(IcebergSinkConnectorConfig.ControlTopic),
            "kafka-cluster:DescribeTopic", "kafka-cluster:CreateTopic", "kafka-cluster:ReadData", "kafka-cluster:WriteData");

        // Groups: the sink tasks' Connect group (connect/IcebergSinkConfig.java connectGroupId(), joined by the worker
        // and used by sendOffsetsToTransaction in connect/channel/Channel.java), the coordinator's "-coord" group
        // (connect/channel/Coordinator.java) and each worker's control group, prefix + random UUID
        // (connect/channel/Worker.java), hence the wildcard under the sink's own prefix. AlterGroup is MSK's
        // JoinGroup/OffsetCommit/TxnOffsetCommit; DescribeGroup the coordinator election (CommitterImpl describeConsumerGroups).
        kafka.GrantGroups(Role, sources.SelectMany(source => new[]
        {
            IcebergSinkConnectorConfig.ConnectGroup(source),
            IcebergSinkConnectorConfig.CoordinatorGroup(source),
            IcebergSinkConnectorConfig.ControlGroupPrefix(source) + "*",
        }));

        // Transactional ids: prefix + worker-txn-<uuid>-<task> and prefix + coordinator-txn-<uuid>-<task>
        // (connect/channel/Channel.java, connect/IcebergSinkConnector.java taskConfigs).
        kafka.Grant(Role, "transactional-id", sources.Select(source => IcebergSinkConnectorConfig.TransactionalPrefix(source) + "*"),
            "kafka-cluster:DescribeTransactionalId", "kafka-cluster:AlterTransactionalId");

        // Glue: GlueTableOperations.doRefresh (GetTable) and doCommit/persistGlueTable (UpdateTable; schema evolution
        // commits the same way), aws/src/main/java/org/apache/iceberg/aws/glue/GlueTableOperations.java. GetDatabase and
        // CreateTable are only called to create tables (GlueCatalog.defaultWarehouseLocation, GlueTableOperations
        // createTable); auto-create is off and the tables exist, so they are not granted.
        var stack = Stack.Of(this);
        var tables = lakehouse.Sinks.SelectMany(sink => sink.Tables).ToList();
        Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["glue:GetTable", "glue:UpdateTable"],
            Resources =
            [
                stack.FormatArn(new ArnComponents { Service = "glue", Resource = "catalog" }),
                stack.FormatArn(new ArnComponents { Service = "glue", Resource = "database", ResourceName = lakehouse.DatabaseName }),
                .. tables.Select(table => stack.FormatArn(new ArnComponents { Service = "glue", Resource = "table", ResourceName = $"{lakehouse.DatabaseName}/{table.ChangelogName}" })),
            ],
        }));

        // S3FileIO (aws/src/main/java/org/apache/iceberg/aws/s3/): data and metadata files are written (PutObject,
        // multipart uploads), read back and checked (GetObject, HeadObject), and deleted when a commit is abandoned.
        Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
            Resources = [.. tables.Select(table => lakehouse.Bucket.ArnForObjects($"{LakehouseNames.WarehousePrefix}/{table.ChangelogName}/*"))],
        }));
        // HeadObject/GetObject of a missing key answers 404 rather than 403 only with ListBucket on the bucket (S3 API
        // reference, HeadObject), and S3FileIO's exists() rethrows anything but a 404 (BaseS3File.exists). Whether S3
        // sets s3:prefix on those requests is not documented (ceph's s3-tests expect it to be the key), so the grant is
        // not conditioned on it: the sink must not depend on undocumented behaviour to see a missing file. ListBucket
        // lists key names only, in a bucket that holds nothing but the lakehouse.
        Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [lakehouse.Bucket.BucketArn],
        }));
        // The bucket is SSE-KMS with the lakehouse key: writes need a data key, reads decrypt it.
        Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["kms:GenerateDataKey", "kms:Decrypt"],
            Resources = [lakehouse.Key.KeyArn],
        }));
    }

    /// <summary>Every topic the workers touch: internal topics, and per connector its prefix's topics (data, schema changes, history) and heartbeat.</summary>
    public static IReadOnlyList<string> TopicsOf(ConnectClusterNames names, IEnumerable<ConnectorDefinition> connectors) =>
    [
        .. names.InternalTopics,
        .. connectors.SelectMany(connector => new[]
        {
            connector.TopicPrefix,
            $"{connector.TopicPrefix}.*",
            DebeziumConnectorConfig.SchemaHistoryTopic(connector),
            DebeziumConnectorConfig.HeartbeatTopic(connector),
        }),
    ];
}
