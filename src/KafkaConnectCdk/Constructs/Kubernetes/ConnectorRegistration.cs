using KafkaConnectCdk.Contracts;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.CustomResources;
using Constructs;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Constructs.Shared;

namespace KafkaConnectCdk.Constructs.Kubernetes;

public sealed record ConnectorRegistrationProps(
    IVpc Vpc,
    ISecurityGroup RestEndpointSecurityGroup,
    string RestHostname,
    string ManagementMode,
    IReadOnlyList<ManagedConnector> Connectors,
    Construct ConnectCluster,
    RetentionDays LogRetention,
    IDependable? SinksStartAfter = null);

/// <summary>
/// One CustomResource per connector, served by the C# registrar Lambda through the CDK Provider framework: onEvent
/// validates and registers the connector through the Connect REST API (rest mode), isComplete polls its status until
/// the connector and its tasks run, restarting failed tasks once, and fails the deployment with the task's trace.
/// </summary>
public sealed class ConnectorRegistration : Construct
{
    public const string ResourceType = ConnectorRegistrationProperties.ResourceType;
    public const string Project = "lambda/ConnectorRegistrar";
    public static readonly Duration HandlerTimeout = Duration.Minutes(2);
    public static readonly Duration QueryInterval = Duration.Seconds(20);

    /// <summary>Below the Provider framework's one-hour ceiling (aws/aws-cdk#24974).</summary>
    public static readonly Duration TotalTimeout = Duration.Minutes(30);

    public ConnectorRegistration(Construct scope, string id, ConnectorRegistrationProps props) : base(scope, id)
    {
        SecurityGroup = SingleTargetSecurityGroup.Create(this, props.Vpc, "Connector registrar", "reaches only the Kafka Connect REST endpoint",
            props.RestEndpointSecurityGroup, ConnectClusterNames.RestPort, "Kafka Connect REST API");

        var functions = new DotnetVpcFunctions(this, "Handlers", new DotnetVpcFunctionsProps(
            "Kafka Connect connector registrar", Project, props.Vpc, SecurityGroup, HandlerTimeout, props.LogRetention));
        OnEventHandler = functions.Add("OnEvent", "ConnectorRegistrar::ConnectorRegistrar.Function::OnEvent");
        IsCompleteHandler = functions.Add("IsComplete", "ConnectorRegistrar::ConnectorRegistrar.Function::IsComplete");
        var provider = functions.AddProvider(this, "Provider", OnEventHandler, IsCompleteHandler, QueryInterval, TotalTimeout);

        var connectUrl = $"http://{props.RestHostname}:{ConnectClusterNames.RestPort}/";
        Resources =
        [
            .. props.Connectors.Select(connector =>
            {
                var resource = new CustomResource(this, $"Connector-{connector.Name}", new CustomResourceProps
                {
                    ServiceToken = provider.ServiceToken,
                    ResourceType = ResourceType,
                    Properties = new Dictionary<string, object>
                    {
                        [ConnectorRegistrationProperties.ConnectorName] = connector.Name,
                        [ConnectorRegistrationProperties.ConnectorClass] = connector.ConnectorClass,
                        [ConnectorRegistrationProperties.Config] = Stack.Of(this).ToJsonString(connector.SettingsWithTasks.ToDictionary(pair => pair.Key, pair => (object)pair.Value)),
                        [ConnectorRegistrationProperties.ConfigHash] = connector.DefinitionHash,
                        [ConnectorRegistrationProperties.ConnectUrl] = connectUrl,
                        [ConnectorRegistrationProperties.ManagementMode] = props.ManagementMode,
                    },
                });
                resource.Node.AddDependency(props.ConnectCluster);
                if (connector.Role == ConnectorRole.Sink && props.SinksStartAfter is { } sinksStartAfter)
                {
                    resource.Node.AddDependency(sinksStartAfter);
                }

                return (connector.Name, resource);
            }),
        ];
    }

    public ISecurityGroup SecurityGroup { get; }

    public Function OnEventHandler { get; }

    public Function IsCompleteHandler { get; }

    public IReadOnlyList<(string Connector, CustomResource Resource)> Resources { get; }

    /// <summary>"name=RUNNING,..." once every connector runs; the deployment fails before that otherwise.</summary>
    public string States => Fn.Join(",", [.. Resources.Select(entry => Fn.Join("=", [entry.Connector, entry.Resource.GetAttString("State")]))]);
}
