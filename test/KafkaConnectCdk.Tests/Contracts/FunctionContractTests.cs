using System.Text.Json.Nodes;
using ConnectorRegistrar;
using CustomResources;
using DatabaseBootstrap;
using KafkaConnectCdk.Platform;
using KafkaConnectCdk.Tests.Iam;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Contracts;

/// <summary>
/// The app and its functions agree: every synthesized custom resource of ours, as CloudFormation would send it (its
/// properties with the intrinsics resolved), is accepted by its function's own event parser, and every function's
/// synthesized environment by that function's own settings parser. A property or variable renamed on either side, a
/// value one side writes and the other refuses, or a secret the registrar would refuse fails here, before a deployment.
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class FunctionContractTests(SynthesizedPlatform platform)
{
    public static TheoryData<string> Environments => ["dev", "prod"];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_connector_resource_is_what_the_registrar_parses(string environment)
    {
        var (intrinsics, stacks) = Resolve(platform.Environment(environment));
        var resources = Resources(stacks, KafkaConnectCdk.Contracts.ConnectorRegistrationProperties.ResourceType).ToList();
        Assert.Equal(platform.Environment(environment).Connect.Connectors.All.Count, resources.Count);

        foreach (var (stack, logicalId, properties) in resources)
        {
            var resolved = intrinsics.Resolve(stack, properties)!.AsObject();
            foreach (var requestType in new[] { "Create", "Update", "Delete" })
            {
                var parsed = CustomResourceEventParser.Parse(Event(requestType, logicalId, resolved, requestType == "Update" ? resolved : null));

                Assert.Equal(requestType, parsed.RequestType);
                Assert.Equal((string?)resolved["ConnectorName"], parsed.Connector.Name);
                Assert.Equal((string?)resolved["ConnectorClass"], parsed.Connector.ConnectorClass);
                Assert.Equal(platform.Environment(environment).Connect.Connectors.All.Single(connector => connector.Name == parsed.Connector.Name).Config.Count - 1, parsed.Connector.Config.Count);
                Assert.Equal(platform.Configuration.Platform.Environments.Single(env => env.Name == environment).Connect.ManagementMode, parsed.Connector.ManagementMode);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_bootstrap_resource_is_what_the_bootstrap_parses(string environment)
    {
        var (intrinsics, stacks) = Resolve(platform.Environment(environment));
        var (stack, logicalId, properties) = Assert.Single(Resources(stacks, KafkaConnectCdk.Contracts.DatabaseBootstrapProperties.ResourceType));
        var resolved = intrinsics.Resolve(stack, properties)!.AsObject();

        var request = BootstrapRequest.Parse(Event("Create", logicalId, resolved, null));

        Assert.Equal(platform.Configuration.Platform.Environments.Single(env => env.Name == environment).Database.BinlogRetentionHours, request.BinlogRetentionHours);
        Assert.Equal(3306, request.DatabasePort);
        Assert.Equal(KafkaConnectCdk.Connect.CdcControlTables.Database, request.Control.Database);
        Assert.Equal(KafkaConnectCdk.Connect.CdcControlTables.HeartbeatTableName, request.Control.HeartbeatTable);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_function_of_ours_reads_its_synthesized_environment(string environment)
    {
        var (intrinsics, stacks) = Resolve(platform.Environment(environment));
        var functions = stacks.SelectMany(stack => stack.Resources
                .Where(pair => (string?)pair.Value!["Type"] == "AWS::Lambda::Function")
                .Select(pair => (Stack: stack, Properties: pair.Value!["Properties"]!.AsObject())))
            .Where(function => ((string?)function.Properties["Handler"])?.Contains("::", StringComparison.Ordinal) == true)
            .ToList();
        var handlers = functions.Select(function => ((string)function.Properties["Handler"]!).Split("::")[0]).ToHashSet();
        Assert.Superset(new HashSet<string> { "ConnectorHealer", "ConnectorOperations", "ConnectorRegistrar", "DatabaseBootstrap" }, handlers);

        foreach (var (stack, properties) in functions)
        {
            var variables = intrinsics.Resolve(stack, properties["Environment"]?["Variables"])?.AsObject() ?? [];
            string? Variable(string name) => (string?)variables[name];
            var handler = (string)properties["Handler"]!;

            // DotnetVpcFunctions tells each function its timeout; InvocationBudget keeps 5 s to report a failure.
            Assert.Equal(TimeSpan.FromSeconds((int)properties["Timeout"]!) - TimeSpan.FromSeconds(5), InvocationBudget.FromEnvironment(Variable));

            if (handler.StartsWith("ConnectorHealer::", StringComparison.Ordinal))
            {
                var settings = ConnectorHealer.HealerSettings.FromEnvironment(Variable);
                Assert.Equal(platform.Environment(environment).Connect.Connectors.All.Select(connector => connector.Name).Order(), settings.ExpectedConnectors.Order());
                Assert.Equal(platform.Configuration.Platform.Environments.Single(env => env.Name == environment).Connect.ManagementMode == KafkaConnectCdk.Contracts.ManagementModes.Rest, settings.Policy.RestartsEnabled);
            }
            else if (handler.StartsWith("ConnectorOperations::", StringComparison.Ordinal))
            {
                // The constructor reads and checks every variable; the secret source is never asked.
                _ = new ConnectorOperations.Function(Variable, TextWriter.Null, TimeSpan.FromSeconds(1), new UnusedSecrets(), MySqlConnector.MySqlSslMode.Required);
            }
        }
    }

    private (Intrinsics Intrinsics, IReadOnlyList<StackTemplate> Stacks) Resolve(PlatformStacks environment)
    {
        IReadOnlyList<StackTemplate> stacks = [.. environment.All.Select(stack => new StackTemplate(stack.StackName, stack.Account, stack.Region, platform.TemplateJsonOf(stack).AsObject()))];
        return (new Intrinsics(stacks), stacks);
    }

    private static IEnumerable<(StackTemplate Stack, string LogicalId, JsonObject Properties)> Resources(IEnumerable<StackTemplate> stacks, string type) =>
        stacks.SelectMany(stack => stack.Resources
            .Where(pair => (string?)pair.Value!["Type"] == type)
            .Select(pair => (stack, pair.Key, pair.Value!["Properties"]!.AsObject())));

    /// <summary>The Provider framework's event as the handler receives it; ServiceToken is the framework's own.</summary>
    private static string Event(string requestType, string logicalId, JsonObject properties, JsonObject? old)
    {
        var message = new JsonObject
        {
            ["RequestType"] = requestType,
            ["LogicalResourceId"] = logicalId,
            ["ResourceProperties"] = properties.DeepClone(),
        };
        if (requestType != "Create")
        {
            message["PhysicalResourceId"] = $"{logicalId}-physical";
        }

        if (old is not null)
        {
            message["OldResourceProperties"] = old.DeepClone();
        }

        return message.ToJsonString();
    }

    private sealed class UnusedSecrets : ISecretSource
    {
        public Task<DatabaseCredentials> GetAsync(string secretArn, CancellationToken cancellation) =>
            throw new InvalidOperationException("the contract test reads settings only");
    }
}
