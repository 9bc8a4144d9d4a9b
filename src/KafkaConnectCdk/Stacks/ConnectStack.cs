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
        var eks = new EksCluster(this, "Eks", new EksClusterProps(
            ClusterName: props.Identity.NamePrefix,
            Vpc: props.Vpc,
            Kubernetes: props.Kubernetes,
            NodeSecurityGroups: [props.ConnectWorkersSecurityGroup],
            LogRemovalPolicy: props.Identity.StatefulRemovalPolicy));
        var strimzi = new StrimziOperator(this, "Strimzi", new StrimziOperatorProps(eks.Cluster, ConnectClusterNames.Namespace));
        var image = new ConnectImage(this, "ConnectImage", props.Connect.KafkaVersion);
        var workerIdentity = new ConnectWorkerIdentity(this, "WorkerIdentity", new ConnectWorkerIdentityProps(
            eks.Cluster, names, props.Connect.Connectors, props.Kafka, props.Registry, props.Database, props.Lakehouse));
        RestEndpointSecurityGroup = new SecurityGroup(this, "RestEndpoint", new SecurityGroupProps
        {
            Vpc = props.Vpc,
            Description = "Internal NLB in front of the Kafka Connect REST API: admits only the connector registrar",
            AllowAllOutbound = false,
        });

        var connectorEnvironment = new ConnectorEnvironment(
            EnvironmentName: props.Identity.Environment.Name,
            BootstrapServers: props.Kafka.BootstrapBrokersSaslIam,
            DatabaseHost: props.Database.Instance.DbInstanceEndpointAddress,
            DatabasePort: CdcDatabase.MySqlPort,
            DatabaseUser: CdcDatabase.ConnectorUsername,
            DatabasePasswordReference: ConnectClusterNames.PasswordReference,
            Region: Region,
            RegistryName: props.Registry?.RegistryName ?? "",
            KeyRegistryName: props.Registry?.KeyRegistryName ?? "",
            RegistryCompatibility: props.Registry?.Compatibility ?? "");
        var sources = props.Connect.Connectors
            .Select(connector => new ManagedConnector(connector.Name, ConnectorConfigBuilder.Build(connector, connectorEnvironment), ConnectorRegistration.DefinitionHash(connector)))
            .ToList();
        var sinks = props.Lakehouse is { } lakehouse
            ? lakehouse.Sinks.Select(sink => IcebergSinkConnectorConfig.Managed(sink, new IcebergSinkEnvironment(
                Connectors: connectorEnvironment,
                DatabaseName: lakehouse.DatabaseName,
                WarehouseLocation: lakehouse.WarehouseLocation,
                CommitIntervalSeconds: lakehouse.Config.CommitIntervalSeconds))).ToList()
            : [];
        Connectors = [.. sources, .. sinks];
        SinkNames = [.. sinks.Select(sink => sink.Name)];
        ConnectorConfigs = Connectors.ToDictionary(connector => connector.Name, connector => connector.Config);

        ConnectCluster = new KafkaConnectCluster(this, "KafkaConnect", new KafkaConnectClusterProps(
            Cluster: eks.Cluster,
            Vpc: props.Vpc,
            Operator: strimzi.Chart,
            AddOns: eks.AddOnResources,
            Settings: new ConnectManifestSettings(
                names,
                props.Connect,
                image.ImageUri,
                props.Kafka.BootstrapBrokersSaslIam,
                props.Database.ConnectorSecret.SecretArn,
                props.RestLoadBalancerSubnetCidrs,
                [.. props.RestLoadBalancerSubnets.Select(subnet => subnet.SubnetId)],
                RestEndpointSecurityGroup.SecurityGroupId),
            ConnectorConfigs: ConnectorConfigs));
        // The workers' first start already needs their Pod Identity (MSK IAM, the secret mount).
        ConnectCluster.Connect.Node.AddDependency(workerIdentity);
        Eks = eks;
        // The sinks' control topics exist before any sink starts (the sink never creates them).
        ControlTopics = props.Lakehouse is { Sinks.Count: > 0 } landing
            ? new IcebergControlTopics(this, "IcebergControlTopics", new IcebergControlTopicsProps(
                eks.Cluster, image, props.Kafka.BootstrapBrokersSaslIam,
                [.. landing.Sinks.Select(sink => IcebergSinkConnectorConfig.ControlTopic(sink.Source))], ConnectCluster.ReadyStatus))
            : null;
        if (ControlTopics is not null)
        {
            // The Job runs as the Connect service account: its Pod Identity association must exist first.
            ControlTopics.Node.AddDependency(workerIdentity);
            foreach (var name in SinkNames.Where(ConnectCluster.ConnectorManifests.ContainsKey))
            {
                ConnectCluster.ConnectorManifests[name].Node.AddDependency(ControlTopics.Succeeded);
            }
        }

        WorkerIdentity = workerIdentity;
        var logRetention = CloudWatchRetention.FromDays(props.Kubernetes.ControlPlaneLogRetentionDays);
        Registration = new ConnectorRegistration(this, "Registrar", new ConnectorRegistrationProps(
            Vpc: props.Vpc,
            RestEndpointSecurityGroup: RestEndpointSecurityGroup,
            RestHostname: ConnectCluster.RestHostname,
            ManagementMode: props.Connect.ManagementMode,
            Connectors: Connectors,
            ConnectCluster: ConnectCluster,
            LogRetention: logRetention));
        foreach (var (connector, resource) in Registration.Resources.Where(entry => ControlTopics is not null && SinkNames.Contains(entry.Connector)))
        {
            resource.Node.AddDependency(ControlTopics!.Succeeded);
        }

        Healing = new ConnectorHealing(this, "Healer", new ConnectorHealingProps(
            Vpc: props.Vpc,
            RestEndpointSecurityGroup: RestEndpointSecurityGroup,
            RestHostname: ConnectCluster.RestHostname,
            ConnectClusterName: props.Identity.NamePrefix,
            ManagementMode: props.Connect.ManagementMode,
            ConnectorNames: [.. Connectors.Select(connector => connector.Name)],
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
            eks.Cluster, props.Identity.NamePrefix, eks.AddOnResources, ConnectCluster.Connect, logRetention));

        ConnectReadyOutput = new CfnOutput(this, "ConnectReady", new CfnOutputProps
        {
            Description = "Strimzi's Ready condition of the Kafka Connect cluster, read after deployment",
            Value = ConnectCluster.ReadyStatus.Value,
        });
        ConnectorStatesOutput = new CfnOutput(this, "ConnectorStates", new CfnOutputProps
        {
            Description = "Each connector's state as the registrar last saw it (name=RUNNING,...)",
            Value = Connectors.Count == 0 ? "none" : Registration.States,
        });

    }

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
    public IReadOnlyList<ManagedConnector> Connectors { get; }

    /// <summary>The Iceberg sinks' names (empty without a lakehouse).</summary>
    public IReadOnlyList<string> SinkNames { get; }

    /// <summary>The Job that creates the sinks' control topics; null without sinks.</summary>
    public IcebergControlTopics? ControlTopics { get; }

    /// <summary>The generated configuration of every connector, by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ConnectorConfigs { get; }

}
