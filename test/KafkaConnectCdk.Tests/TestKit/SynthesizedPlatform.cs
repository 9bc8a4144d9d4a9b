using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>
/// The app as `cdk synth` builds it from the repository's cdk.json, synthesized once and shared by every test class in
/// the <see cref="PlatformCollection"/>.
/// </summary>
public sealed class SynthesizedPlatform : IDisposable
{
    private readonly string outputDirectory = Directory.CreateTempSubdirectory("kcc-synth-").FullName;
    private readonly Dictionary<string, Template> templates = [];

    public SynthesizedPlatform()
    {
        App = new App(new AppProps { Context = CdkContext.FromCdkJson(), Outdir = outputDirectory });
        Configuration = PlatformConfigLoader.FromContext(App.Node);
        Environments = PlatformApp.Compose(App, Configuration).Environments;
        Assembly = App.Synth();
    }

    public App App { get; }

    public LoadedConfiguration Configuration { get; }

    public IReadOnlyList<PlatformStacks> Environments { get; }

    public Amazon.CDK.CXAPI.CloudAssembly Assembly { get; }

    public PlatformStacks Environment(string name) =>
        Environments.Single(stacks => stacks.Network.Identity.Name == name);

    public IEnumerable<Stack> AllStacks => Environments.SelectMany(stacks => stacks.All);

    public Template TemplateOf(Stack stack)
    {
        lock (templates)
        {
            if (!templates.TryGetValue(stack.StackName, out var template))
            {
                template = Template.FromStack(stack);
                templates[stack.StackName] = template;
            }

            return template;
        }
    }

    /// <summary>The stack's template parsed once, with the helpers for the common questions.</summary>
    public TemplateView ViewOf(Stack stack) => TemplateOf(stack).View();

    /// <summary>The template as written to the cloud assembly, for snapshots.</summary>
    public JsonNode TemplateJsonOf(Stack stack) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(outputDirectory, stack.TemplateFile)))!;

    public void Dispose() => Directory.Delete(outputDirectory, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<SynthesizedPlatform>
{
    public const string Name = "Synthesized platform";
}
