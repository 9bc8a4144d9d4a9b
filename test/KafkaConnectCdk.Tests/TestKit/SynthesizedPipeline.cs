using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Platform;
using KafkaConnectCdk.Stacks;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>The app as the pipeline synthesizes it (-c delivery=pipeline), once for all pipeline tests.</summary>
public sealed class SynthesizedPipeline : IDisposable
{
    private readonly string outputDirectory = Directory.CreateTempSubdirectory("kcc-pipeline-").FullName;

    public SynthesizedPipeline()
    {
        var app = new App(new AppProps
        {
            Context = CdkContext.FromCdkJson(context => context[DeliveryModes.ContextKey] = DeliveryModes.Pipeline),
            Outdir = outputDirectory,
        });
        Stack = PlatformApp.Compose(app, PlatformConfigLoader.FromContext(app.Node)).Pipeline!;
        Assembly = app.Synth();
        Template = Template.FromStack(Stack);
    }

    public PipelineStack Stack { get; }

    public Template Template { get; }

    public Amazon.CDK.CXAPI.CloudAssembly Assembly { get; }

    /// <summary>A stage stack's template as the pipeline deploys it.</summary>
    public JsonNode StageTemplate(string stage, string component)
    {
        var stacks = Stack.Stages.Single(candidate => candidate.StageName == stage).Stacks;
        var stack = stacks.All.Single(candidate => candidate.StackName.EndsWith($"-{component}", StringComparison.Ordinal));
        var stageDirectory = Directory.GetDirectories(outputDirectory, "assembly-*").Single(directory => directory.EndsWith($"-{stage}", StringComparison.Ordinal));
        return JsonNode.Parse(File.ReadAllText(Path.Combine(stageDirectory, stack.TemplateFile)))!;
    }

    public void Dispose() => Directory.Delete(outputDirectory, recursive: true);
}
