using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>Reads a template's resources as JSON, for assertions that Template's matchers express poorly.</summary>
public static class TemplateJson
{
    public static JsonObject Resources(this Template template) =>
        JsonNode.Parse(JsonSerializer.Serialize(template.ToJSON()))!["Resources"]!.AsObject();

    public static IReadOnlyList<JsonObject> ResourcesOfType(this Template template, string type) =>
        [.. template.Resources().Select(pair => pair.Value!.AsObject()).Where(resource => (string?)resource["Type"] == type)];

    public static IReadOnlyList<JsonObject> PropertiesOfType(this Template template, string type) =>
        [.. template.ResourcesOfType(type).Select(resource => resource["Properties"]!.AsObject())];
}
