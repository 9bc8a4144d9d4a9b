using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Cdklabs.CdkNag;
using KafkaConnectCdk.Compliance;
using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Connect.Strimzi;
using KafkaConnectCdk.Constructs.Database;
using KafkaConnectCdk.Constructs.Kubernetes;
using KafkaConnectCdk.Constructs.Msk;
using KafkaConnectCdk.Constructs.Operations;
using KafkaConnectCdk.Constructs.SchemaRegistry;
using KafkaConnectCdk.Constructs.Shared;
using KafkaConnectCdk.Platform;
using KafkaConnectCdk.Lakehouse;

namespace KafkaConnectCdk.Stacks;

public sealed class ConnectStackProps : PlatformStackProps
{
    public required IVpc Vpc { get; init; }

    public required ISecurityGroup ConnectWorkersSecurityGroup { get; init; }

    /// <summary>The subnets only the REST load balancer uses, and their CIDRs (literal, for the NetworkPolicy).</summary>
    public required IReadOnlyList<ISubnet> RestLoadBalancerSubnets { get; init; }

    public required IReadOnlyList<string> RestLoadBalancerSubnetCidrs { get; init; }

    public required MskCluster Kafka { get; init; }

    public required CdcDatabase Database { get; init; }

    /// <summary>Null when the environment has no schema registry (then no connector writes Avro).</summary>
    public required GlueSchemaRegistry? Registry { get; init; }

    public required KubernetesConfig Kubernetes { get; init; }

    public required ConnectConfig Connect { get; init; }

    public required ConnectorHealingConfig Healing { get; init; }

    /// <summary>Null when the environment lands nothing in the lakehouse (then no Iceberg sink runs).</summary>
    public LakehouseLanding? Lakehouse { get; init; }
}

/// <summary>
/// EKS running the Strimzi operator, the Kafka Connect cluster and its Debezium connectors, the registrar that proves
/// them RUNNING, the healer that keeps them so, the operators' entry point, and the scraper that publishes the workers' metrics.
/// </summary>
public sealed class ConnectStack : PlatformStack
{
    public const string Component = "connect";

    public ConnectStack(Construct scope, ConnectStackProps props) : base(scope, Component, props)
    {
        var names = new ConnectClusterNames(props.Identity.NamePrefix);
        Eks = new EksCluster(this, "Eks", new EksClusterProps(
            ClusterName: props.Identity.NamePrefix,
            Vpc: props.Vpc,
            Kubernetes: props.Kubernetes,
            NodeSecurityGroups: [props.ConnectWorkersSecurityGroup],
            LogRemovalPolicy: props.Identity.Removal.Data));
        var strimzi = new StrimziOperator(this, "Strimzi", new StrimziOperatorProps(Eks.Cluster, ConnectClusterNames.Namespace));
        var image = new ConnectImage(this, "ConnectImage", props.Connect.KafkaVersion);
        WorkerIdentity = new ConnectWorkerIdentity(this, "WorkerIdentity", new ConnectWorkerIdentityProps(
            Eks.Cluster, names, props.Connect.Connectors, props.Kafka, props.Registry, props.Database, props.Lakehouse));
        RestEndpointSecurityGroup = new SecurityGroup(this, "RestEndpoint", new SecurityGroupProps
        {
            Vpc = props.Vpc,
            Description = "Internal NLB in front of the Kafka Connect REST API: admits only the connector registrar",
            AllowAllOutbound = false,
        });
        Connectors = PlatformConnectors.Of(props.Connect.Connectors, ConnectorEnvironmentOf(props), props.Lakehouse);

        ConnectCluster = new KafkaConnectCluster(this, "KafkaConnect", new KafkaConnectClusterProps(
            Cluster: Eks.Cluster,
            Vpc: props.Vpc,
            Operator: strimzi.Chart,
            AddOns: Eks.AddOnResources,
            Settings: new ConnectManifestSettings(
                names,
                props.Connect,
                image.ImageUri,
                props.Kafka.BootstrapBrokersSaslIam,
                props.Database.ConnectorSecret.SecretArn,
                props.RestLoadBalancerSubnetCidrs,
                [.. props.RestLoadBalancerSubnets.Select(subnet => subnet.SubnetId)],
                RestEndpointSecurityGroup.SecurityGroupId),
            Connectors: Connectors.All));
        // The workers' first start already needs their Pod Identity (MSK IAM, the secret mount).
        ConnectCluster.Connect.Node.AddDependency(WorkerIdentity);

        // The sinks' control topics exist before any sink starts (the sink never creates them).
        ControlTopics = props.Lakehouse is { Sinks.Count: > 0 } landing
            ? new IcebergControlTopics(this, "IcebergControlTopics", new IcebergControlTopicsProps(
                Eks.Cluster, image, props.Kafka.BootstrapBrokersSaslIam, landing.ControlTopics, ConnectCluster.ReadyStatus))
            : null;
        if (ControlTopics is not null)
        {
            // The Job runs as the Connect service account: its Pod Identity association must exist first.
            ControlTopics.Node.AddDependency(WorkerIdentity);
            ConnectCluster.StartSinksAfter(ControlTopics.Succeeded);
        }

        var logRetention = CloudWatchRetention.FromDays(props.Kubernetes.ControlPlaneLogRetentionDays);
        Registration = new ConnectorRegistration(this, "Registrar", new ConnectorRegistrationProps(
            Vpc: props.Vpc,
            RestEndpointSecurityGroup: RestEndpointSecurityGroup,
            RestHostname: ConnectCluster.RestHostname,
            ManagementMode: props.Connect.ManagementMode,
            Connectors: Connectors.All,
            ConnectCluster: ConnectCluster,
            LogRetention: logRetention,
            SinksStartAfter: ControlTopics?.Succeeded));
        Healing = new ConnectorHealing(this, "Healer", new ConnectorHealingProps(
            Vpc: props.Vpc,
            RestEndpointSecurityGroup: RestEndpointSecurityGroup,
            RestHostname: ConnectCluster.RestHostname,
            ConnectClusterName: props.Identity.NamePrefix,
            ManagementMode: props.Connect.ManagementMode,
            ConnectorNames: [.. Connectors.All.Select(connector => connector.Name)],
            Policy: props.Healing,
            StartAfter: Registration,
            LogRetention: logRetention));
        Operator = new ConnectorOperator(this, "Operations", new ConnectorOperatorProps(
            NamePrefix: props.Identity.NamePrefix,
            Vpc: props.Vpc,
            RestEndpointSecurityGroup: RestEndpointSecurityGroup,
            RestHostname: ConnectCluster.RestHostname,
            Database: props.Database,
            ManagementMode: props.Connect.ManagementMode,
            LogRetention: logRetention));
        MetricsScraper = new ConnectMetricsScraper(this, "MetricsScraper", new ConnectMetricsScraperProps(
            Eks.Cluster, props.Identity.NamePrefix, Eks.AddOnResources, ConnectCluster.Connect, logRetention));

        ConnectReadyOutput = new CfnOutput(this, "ConnectReady", new CfnOutputProps
        {
            Description = "Strimzi's Ready condition of the Kafka Connect cluster, read after deployment",
            Value = ConnectCluster.ReadyStatus.Value,
        });
        ConnectorStatesOutput = new CfnOutput(this, "ConnectorStates", new CfnOutputProps
        {
            Description = "Each connector's state as the registrar last saw it (name=RUNNING,...)",
            Value = Connectors.All.Count == 0 ? "none" : Registration.States,
        });
    }

    /// <summary>What the connectors connect to; the endpoints are deploy-time values of the data-plane stacks.</summary>
    private ConnectorEnvironment ConnectorEnvironmentOf(ConnectStackProps props) => new(
        EnvironmentName: props.Identity.Name,
        BootstrapServers: props.Kafka.BootstrapBrokersSaslIam,
        DatabaseHost: props.Database.Instance.DbInstanceEndpointAddress,
        DatabasePort: CdcDatabase.MySqlPort,
        DatabaseUser: CdcDatabase.ConnectorUsername,
        DatabasePasswordReference: ConnectClusterNames.PasswordReference,
        Region: Region,
        RegistryName: props.Registry?.RegistryName ?? "",
        KeyRegistryName: props.Registry?.KeyRegistryName ?? "",
        RegistryCompatibility: props.Registry?.Compatibility ?? "");

    public EksCluster Eks { get; }

    public CfnOutput ConnectReadyOutput { get; }

    public CfnOutput ConnectorStatesOutput { get; }

    public ConnectorRegistration Registration { get; }

    public ConnectorHealing Healing { get; }

    public ConnectorOperator Operator { get; }

    public ConnectMetricsScraper MetricsScraper { get; }

    public ConnectWorkerIdentity WorkerIdentity { get; }

    public KafkaConnectCluster ConnectCluster { get; }

    public ISecurityGroup RestEndpointSecurityGroup { get; }

    /// <summary>Every connector the platform registers and heals: the Debezium sources, then the Iceberg sinks.</summary>
    public PlatformConnectors Connectors { get; }

    /// <summary>The Job that creates the sinks' control topics; null without sinks.</summary>
    public IcebergControlTopics? ControlTopics { get; }
}
