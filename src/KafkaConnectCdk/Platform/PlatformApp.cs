using Amazon.CDK;
using KafkaConnectCdk.Compliance;
using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Platform;

/// <summary>The app's composition root, shared by Program and the tests so that both synthesize the same tree.</summary>
public static class PlatformApp
{
    public static IReadOnlyList<PlatformStacks> Compose(App app, LoadedConfiguration configuration)
    {
        NagCompliance.Apply(app);
        return
        [
            .. configuration.SelectedEnvironments.Select(environment =>
                PlatformStacks.Build(app, new EnvironmentIdentity(configuration.Platform.Project, environment))),
        ];
    }
}
