using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>
/// Reads a template's resources as JSON, for assertions that Template's matchers express poorly. Each Template is
/// serialized and parsed once (<see cref="TemplateView.Of"/>): the nodes are shared, so a test clones before changing one.
/// </summary>
public static class TemplateJson
{
    public static TemplateView View(this Template template) => TemplateView.Of(template);

    public static JsonObject Resources(this Template template) => template.View().Resources;

    public static IReadOnlyList<JsonObject> ResourcesOfType(this Template template, string type) => template.View().ResourcesOfType(type);

    public static IReadOnlyList<JsonObject> PropertiesOfType(this Template template, string type) => template.View().PropertiesOfType(type);
}
