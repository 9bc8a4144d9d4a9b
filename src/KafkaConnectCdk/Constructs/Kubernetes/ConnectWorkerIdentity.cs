using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Constructs.Database;
using KafkaConnectCdk.Constructs.Msk;
using KafkaConnectCdk.Constructs.SchemaRegistry;

namespace KafkaConnectCdk.Constructs.Kubernetes;

public sealed record ConnectWorkerIdentityProps(
    Cluster Cluster,
    ConnectClusterNames Names,
    IReadOnlyList<ConnectorDefinition> Connectors,
    MskCluster Kafka,
    GlueSchemaRegistry? Registry,
    CdcDatabase Database);

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

        // The Secrets Store CSI driver reads the password with the pod's identity.
        props.Database.GrantConnectorSecretRead(Role);

        new CfnPodIdentityAssociation(this, "Association", new CfnPodIdentityAssociationProps
        {
            ClusterName = props.Cluster.ClusterName,
            Namespace = ConnectClusterNames.Namespace,
            ServiceAccount = ConnectClusterNames.ServiceAccount,
            RoleArn = Role.RoleArn,
        });
    }

    public Role Role { get; }

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
