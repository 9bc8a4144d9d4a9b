using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KafkaConnectCdk.Platform;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Iam;

/// <summary>
/// The principals of one environment with their resolved identity policies, and the requests each client makes, read
/// from the synthesized templates (connector configs of the registrar's custom resources or KafkaConnector manifests,
/// the KafkaConnect manifest, the SecretProviderClass) with upstream defaults for unset keys.
/// </summary>
public sealed partial class AccessMatrix
{
    /// <summary>Principals the matrix covers: name, stack component, logical-id prefix of the role.</summary>
    public static readonly IReadOnlyList<(string Name, string Component, string RolePrefix)> CoveredRoles =
    [
        ("worker", "connect", "WorkerIdentityRole"),
        ("registrar", "connect", "RegistrarHandlersOnEventServiceRole"),
        ("registrar-poll", "connect", "RegistrarHandlersIsCompleteServiceRole"),
        ("healer", "connect", "HealerHandlerFunctionServiceRole"),
        ("connector-operations", "connect", "OperationsHandlerFunctionServiceRole"),
        ("metrics-scraper", "connect", "EksCloudWatchAgentRole"),
        ("database-bootstrap", "database", "BootstrapHandlersHandlerServiceRole"),
        // The AwsCustomResource singleton that calls kafka:GetBootstrapBrokers.
        ("bootstrap-broker-reader", "msk", "AWS679f53fac002430cb0da5b7982bd2287ServiceRole"),
        // The lakehouse (only in environments that have one): Glue's table optimizers, the refresh state machine, its schedule.
        ("lakehouse-maintenance", "lakehouse", "MaintenanceRole"),
        ("lakehouse-refresh", "lakehouse", "RefreshStateMachineRole"),
        ("lakehouse-refresh-schedule", "lakehouse", "RefreshStateMachineEventsRole"),
        // The function that creates and evolves the Iceberg tables through Athena DDL.
        ("lakehouse-tables", "lakehouse", "TablesHandlersHandlerServiceRole"),
    ];

    public AccessMatrix(SynthesizedPlatform platform, PlatformStacks environment)
    {
        Stacks = [.. environment.All.Select(stack => new StackTemplate(stack.StackName, stack.Account, stack.Region, platform.TemplateJsonOf(stack).AsObject()))];
        Intrinsics = new Intrinsics(Stacks);
        Connect = StackOf(environment.Connect.StackName);
        Msk = StackOf(environment.Msk.StackName);
        Database = StackOf(environment.Database.StackName);
        Principals = CoveredRoles.Where(role => Stacks.Any(stack => stack.StackName == $"{environment.Network.Identity.NamePrefix}-{role.Component}"))
            .ToDictionary(role => role.Name, role => PrincipalOf(role.Name, StackOf($"{environment.Network.Identity.NamePrefix}-{role.Component}"), role.RolePrefix));

        var cluster = Msk.Resources.Single(pair => (string?)pair.Value!["Type"] == "AWS::MSK::Cluster").Key;
        ClusterArn = Intrinsics.ResolveString(Msk, new JsonObject { ["Fn::GetAtt"] = new JsonArray(cluster, "Arn") });
        Manifests = [.. Connect.Resources.Where(pair => (string?)pair.Value!["Type"] == "Custom::AWSCDK-EKS-KubernetesResource")
            .SelectMany(pair => JsonNode.Parse(Intrinsics.ResolveString(Connect, pair.Value!["Properties"]!["Manifest"]))!.AsArray().Select(manifest => manifest!))];
        var all = ReadConnectorConfigs();
        ConnectorConfigs = all.Where(pair => pair.Value.Class != IcebergSinkClass).ToDictionary(pair => pair.Key, pair => pair.Value.Config);
        SinkConfigs = all.Where(pair => pair.Value.Class == IcebergSinkClass).ToDictionary(pair => pair.Key, pair => pair.Value.Config);
        Lakehouse = Stacks.SingleOrDefault(stack => stack.StackName == $"{environment.Network.Identity.NamePrefix}-lakehouse");
    }

    public const string IcebergSinkClass = "org.apache.iceberg.connect.IcebergSinkConnector";

    /// <summary>The Debezium source connectors' configurations, by name.</summary>

    public IReadOnlyList<StackTemplate> Stacks { get; }

    public Intrinsics Intrinsics { get; }

    public StackTemplate Connect { get; }

    public StackTemplate Msk { get; }

    public StackTemplate Database { get; }

    public IReadOnlyDictionary<string, Principal> Principals { get; }

    public string ClusterArn { get; }

    public IReadOnlyList<JsonNode> Manifests { get; }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ConnectorConfigs { get; }

    public IReadOnlyList<ConnectorClients> Connectors => [.. ConnectorConfigs.Values.Select(config => new ConnectorClients(config))];

    /// <summary>The Apache Iceberg sinks' configurations, by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> SinkConfigs { get; }

    public IReadOnlyList<IcebergSinkClients> Sinks => [.. SinkConfigs.Select(pair => new IcebergSinkClients(pair.Key, pair.Value))];

    /// <summary>The lakehouse stack, when the environment has one.</summary>
    public StackTemplate? Lakehouse { get; }

    /// <summary>
    /// The S3 location of an Iceberg table as the lakehouse stack asks for it (the tables custom resource's Location), as the ARN prefix
    /// of its objects: Iceberg writes data files under location/data and metadata under location/metadata.
    /// </summary>
    public string TableObjectsArn(string table)
    {
        var desired = Lakehouse!.Resources.Select(pair => pair.Value!).Single(resource => (string?)resource["Type"] == KafkaConnectCdk.Contracts.IcebergTablesProperties.ResourceType)
            ["Properties"]![KafkaConnectCdk.Contracts.IcebergTablesProperties.Tables]!.AsArray()
            .Single(candidate => (string?)candidate![KafkaConnectCdk.Contracts.IcebergTablesProperties.TableName] == table)!;
        var location = Intrinsics.ResolveString(Lakehouse, desired[KafkaConnectCdk.Contracts.IcebergTablesProperties.TableLocation]);
        return $"arn:aws:s3:::{location["s3://".Length..]}";
    }

    public string GlueArn(string resource) => $"arn:aws:glue:{Connect.Region}:{Connect.Account}:{resource}";

    private StackTemplate StackOf(string name) => Stacks.Single(stack => stack.StackName == name);

    /// <summary>
    /// A topic, group or transactional id ARN of this cluster: <c>arn:aws:kafka:REGION:ACCOUNT:topic/CLUSTER/UUID/NAME</c>
    /// (MSK developer guide, IAM access control, resources), built from the cluster ARN <c>.../cluster/CLUSTER/UUID</c>.
    /// </summary>
    public string KafkaResourceArn(string type, string name, string? clusterArn = null)
    {
        var parts = (clusterArn ?? ClusterArn).Split(':', 6);
        return $"{string.Join(':', parts[..5])}:{type}/{parts[5]["cluster/".Length..]}/{name}";
    }

    public string GlueSchemaArn(string registry, string schema) => $"arn:aws:glue:{Connect.Region}:{Connect.Account}:schema/{registry}/{schema}";

    public string GlueRegistryArn(string registry) => $"arn:aws:glue:{Connect.Region}:{Connect.Account}:registry/{registry}";

    public JsonNode KafkaConnect => Manifests.Single(manifest => (string?)manifest["kind"] == "KafkaConnect");

    /// <summary>The secrets the Secrets Store CSI driver fetches with the Connect pods' identity (SecretProviderClass objects).</summary>
    public IReadOnlyList<string> MountedSecrets =>
        [.. Manifests.Where(manifest => (string?)manifest["kind"] == "SecretProviderClass")
            .SelectMany(manifest => ObjectNamePattern().Matches((string)manifest["spec"]!["parameters"]!["objects"]!).Select(match => match.Groups[1].Value))];

    /// <summary>The master user's secret, which RDS creates and manages (the instance's MasterUserSecret.SecretArn).</summary>
    public string MasterSecretArn =>
        Intrinsics.ResolveString(Database, new JsonObject { ["Fn::GetAtt"] = new JsonArray(Database.Resources.Single(pair => (string?)pair.Value!["Type"] == "AWS::RDS::DBInstance").Key, "MasterUserSecret.SecretArn") });

    /// <summary>A secret of the database stack, by logical id prefix.</summary>
    public string SecretArn(string logicalIdPrefix) =>
        Intrinsics.ResolveString(Database, new JsonObject { ["Ref"] = Database.Resources.Single(pair => (string?)pair.Value!["Type"] == "AWS::SecretsManager::Secret" && pair.Key.StartsWith(logicalIdPrefix, StringComparison.Ordinal)).Key });

    public string ResourceArn(StackTemplate stack, string type, string logicalIdPrefix) =>
        Intrinsics.ResolveString(stack, new JsonObject { ["Fn::GetAtt"] = new JsonArray(stack.Resources.Single(pair => (string?)pair.Value!["Type"] == type && pair.Key.StartsWith(logicalIdPrefix, StringComparison.Ordinal)).Key, "Arn") });

    private Principal PrincipalOf(string name, StackTemplate stack, string rolePrefix)
    {
        var roleId = stack.Resources.Single(pair => (string?)pair.Value!["Type"] == "AWS::IAM::Role" && pair.Key.StartsWith(rolePrefix, StringComparison.Ordinal)).Key;
        var role = stack.Resources[roleId]!;
        var roleRef = new JsonObject { ["Ref"] = roleId }.ToJsonString();
        var attached = stack.Resources
            .Where(pair => (string?)pair.Value!["Type"] is "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy"
                && pair.Value!["Properties"]!["Roles"] is JsonArray roles && roles.Any(candidate => candidate!.ToJsonString() == roleRef))
            .Select(pair => pair.Value!["Properties"]!["PolicyDocument"]!);
        var inline = (role["Properties"]!["Policies"] as JsonArray ?? []).Select(policy => policy!["PolicyDocument"]!);
        return new Principal(
            name,
            Intrinsics.ResolveString(stack, new JsonObject { ["Fn::GetAtt"] = new JsonArray(roleId, "Arn") }),
            stack.Account,
            [.. attached.Concat(inline).Select(document => Intrinsics.Resolve(stack, document)!)]);
    }

    /// <summary>The AWS managed policies attached to a role (not in the templates, so not simulated).</summary>
    public IReadOnlyList<string> ManagedPolicyArns(string principal)
    {
        var (_, component, prefix) = CoveredRoles.Single(role => role.Name == principal);
        var stack = component switch { "connect" => Connect, "msk" => Msk, _ => Database };
        var role = stack.Resources.Single(pair => (string?)pair.Value!["Type"] == "AWS::IAM::Role" && pair.Key.StartsWith(prefix, StringComparison.Ordinal)).Value!;
        return [.. (role["Properties"]!["ManagedPolicyArns"] as JsonArray ?? []).Select(arn => Intrinsics.ResolveString(stack, arn))];
    }

    private Dictionary<string, (string Class, IReadOnlyDictionary<string, string> Config)> ReadConnectorConfigs()
    {
        var configs = new Dictionary<string, (string Class, IReadOnlyDictionary<string, string> Config)>();
        foreach (var resource in Connect.Resources.Select(pair => pair.Value!).Where(resource => (string?)resource["Type"] == "Custom::KafkaConnector"))
        {
            var properties = resource["Properties"]!;
            var config = JsonNode.Parse(Intrinsics.ResolveString(Connect, properties["Config"]))!.AsObject();
            configs[(string)properties["ConnectorName"]!] = ((string)properties["ConnectorClass"]!, config.ToDictionary(pair => pair.Key, pair => (string)pair.Value!));
        }

        foreach (var connector in Manifests.Where(manifest => (string?)manifest["kind"] == "KafkaConnector"))
        {
            configs[(string)connector["metadata"]!["name"]!] = ((string)connector["spec"]!["class"]!, connector["spec"]!["config"]!.AsObject().ToDictionary(pair => pair.Key, pair => pair.Value!.ToString()));
        }

        return configs;
    }

    [GeneratedRegex("objectName: \"([^\"]+)\"")]
    private static partial Regex ObjectNamePattern();
}
