using System.Text.Json.Nodes;
using Amazon.CDK;
using Constructs;
using KafkaConnectCdk.Compliance;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Stacks;

namespace KafkaConnectCdk.Platform;

/// <summary>The app's composition root, shared by Program and the tests so that both synthesize the same tree.</summary>
public static class PlatformApp
{
    /// <summary>
    /// Direct delivery: each selected environment's stacks as top-level stacks, so that <c>cdk deploy --all</c> deploys
    /// them. Pipeline delivery: only the pipeline stack, which holds one stage per environment.
    /// Both shapes put an environment's stacks at the same construct path (<c>project/environment/component</c>): CDK
    /// derives some logical ids and Name tags from paths, so equal paths make the two shapes deploy identical templates
    /// and let an environment move from one to the other without replacing resources.
    /// </summary>
    /// <param name="controlTower">
    /// False only for tests that synthesize a variant app many times to read one template (Template.FromStack
    /// synthesizes the whole app, plugins included); the app itself and the shared test synthesis always check.
    /// </param>
    public static ComposedApp Compose(App app, LoadedConfiguration configuration, bool controlTower = true)
    {
        NagCompliance.Apply(app);
        var composed = ComposeStacks(app, configuration);
        if (!controlTower)
        {
            return composed;
        }

        foreach (var environment in composed.Environments)
        {
            ControlTowerExceptions.Apply(environment);
        }

        ControlTowerCompliance.Apply(app, composed.Environments
            .Where(stacks => stacks.Network.Identity.Production)
            .SelectMany(stacks => stacks.All));
        return composed;
    }

    private static ComposedApp ComposeStacks(App app, LoadedConfiguration configuration)
    {
        if (configuration.Delivery == DeliveryModes.Pipeline)
        {
            var pipeline = new PipelineStack(app, new PipelineStackProps
            {
                Platform = configuration.Platform,
                Pipeline = configuration.Platform.Pipeline!,
                CliVersion = PinnedCdkCliVersion(),
            });
            return new ComposedApp([.. pipeline.Stages.Select(stage => stage.Stacks)], pipeline);
        }

        return new ComposedApp(
        [
            .. configuration.SelectedEnvironments.Select(environment =>
                PlatformStacks.Build(EnvironmentScope(app, configuration.Platform.Project, environment.Name), EnvironmentIdentity.Of(configuration.Platform.Project, environment), environment)),
        ], Pipeline: null);
    }

    /// <summary>The direct shape's stand-in for the pipeline stack and stage: plain constructs at the same path.</summary>
    private static Construct EnvironmentScope(App app, string project, string environment)
    {
        var projectScope = app.Node.TryFindChild(project) as Construct ?? new Construct(app, project);
        return new Construct(projectScope, environment);
    }

    /// <summary>The CDK CLI version pinned in package.json, which the pipeline installs too.</summary>
    public static string PinnedCdkCliVersion() =>
        (string?)JsonNode.Parse(File.ReadAllText(RepositoryPaths.Of("package.json")))?["devDependencies"]?["aws-cdk"]
        ?? throw new InvalidOperationException("package.json pins no aws-cdk version.");
}

/// <summary>What the app holds: every environment's stacks, and the pipeline stack when delivered through it.</summary>
public sealed record ComposedApp(IReadOnlyList<PlatformStacks> Environments, PipelineStack? Pipeline);
