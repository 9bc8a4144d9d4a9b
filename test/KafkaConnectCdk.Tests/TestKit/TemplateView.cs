using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.CDK.Assertions;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>One object the template's manifests apply, and the Custom::AWSCDK-EKS-KubernetesResource that applies it.</summary>
public sealed record AppliedObject(string LogicalId, JsonObject Object)
{
    public string? Kind => (string?)Object["kind"];

    public string? Name => (string?)Object["metadata"]?["name"];

    public string? Namespace => (string?)Object["metadata"]?["namespace"];
}

/// <summary>
/// The common questions asked of a synthesized template, answered from one parse of it. Views are read-only by
/// convention: a test that changes a node clones it first (they are shared by every test of the stack).
/// </summary>
public sealed partial class TemplateView
{
    public const string KubernetesResourceType = "Custom::AWSCDK-EKS-KubernetesResource";

    private static readonly ConditionalWeakTable<Template, TemplateView> Views = new();

    private readonly Lazy<IReadOnlyList<AppliedObject>> applied;

    public TemplateView(JsonObject template)
    {
        Json = template;
        Resources = template["Resources"]?.AsObject() ?? [];
        applied = new Lazy<IReadOnlyList<AppliedObject>>(() =>
        [
            .. LogicalIdsOfType(KubernetesResourceType).SelectMany(id =>
                ManifestObjects(Properties(id)["Manifest"], id).Select(item => new AppliedObject(id, item))),
        ]);
    }

    public JsonObject Json { get; }

    /// <summary>Resources by logical id.</summary>
    public JsonObject Resources { get; }

    /// <summary>The view of a Template, parsed on first use and kept as long as the Template lives.</summary>
    public static TemplateView Of(Template template) =>
        Views.GetValue(template, key => new TemplateView(JsonNode.Parse(JsonSerializer.Serialize(key.ToJSON()))!.AsObject()));

    public IReadOnlyList<string> LogicalIdsOfType(string type) =>
        [.. Resources.Where(pair => (string?)pair.Value!["Type"] == type).Select(pair => pair.Key)];

    public IReadOnlyList<JsonObject> ResourcesOfType(string type) => [.. LogicalIdsOfType(type).Select(Resource)];

    public IReadOnlyList<JsonObject> PropertiesOfType(string type) => [.. LogicalIdsOfType(type).Select(Properties)];

    /// <summary>The resource with exactly this logical id.</summary>
    public JsonObject Resource(string logicalId) =>
        Resources[logicalId]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"The template has no resource {logicalId}");

    public JsonObject Properties(string logicalId) => Resource(logicalId)["Properties"]!.AsObject();

    /// <summary>
    /// The logical id CDK gave the construct at this path: its path components without separators and an 8-character
    /// hash (aws-cdk-lib core/lib/private/uniqueid.ts makeUniqueId, HASH_LEN = 8), e.g. "WorkerIdentityRole" for
    /// WorkerIdentityRole4DAC12AE but not for WorkerIdentityRoleDefaultPolicy6443E39C.
    /// </summary>
    public string LogicalIdOf(string pathPrefix) =>
        Assert.Single(Resources.Select(pair => pair.Key), id => id.Length == pathPrefix.Length + 8 && id.StartsWith(pathPrefix, StringComparison.Ordinal) && HashSuffix().IsMatch(id[pathPrefix.Length..]));

    /// <summary>The resource of the construct at this path (see <see cref="LogicalIdOf"/>).</summary>
    public JsonObject ResourceAt(string pathPrefix) => Resource(LogicalIdOf(pathPrefix));

    /// <summary>Every Kubernetes object the template applies, in template order, tokens as placeholders (<see cref="EmbeddedJson"/>).</summary>
    public IReadOnlyList<AppliedObject> AppliedObjects => applied.Value;

    /// <summary>The one applied object of this kind (as kubectl reads a kind: case-insensitive) and name.</summary>
    public AppliedObject Applied(string kind, string name, string? @namespace = null) =>
        Assert.Single(AppliedObjects, item =>
            string.Equals(item.Kind, kind, StringComparison.OrdinalIgnoreCase) && item.Name == name && (@namespace is null || item.Namespace == @namespace));

    /// <summary>The one applied object of this kind.</summary>
    public AppliedObject Applied(string kind) => Assert.Single(AppliedObjects, item => item.Kind == kind);

    /// <summary>The properties of the one Lambda function with this handler.</summary>
    public JsonObject FunctionWithHandler(string handler) =>
        Assert.Single(PropertiesOfType("AWS::Lambda::Function"), function => (string?)function["Handler"] == handler);

    /// <summary>The AWS::IAM::Policy resources attached to the role with this logical id.</summary>
    public IReadOnlyList<JsonObject> PoliciesOf(string roleLogicalId) =>
        [.. ResourcesOfType("AWS::IAM::Policy").Where(policy => policy["Properties"]!["Roles"]!.AsArray().Any(role => (string?)role?["Ref"] == roleLogicalId))];

    /// <summary>Every statement the role's attached AWS::IAM::Policy resources grant.</summary>
    public IReadOnlyList<JsonObject> PolicyStatementsOf(string roleLogicalId) =>
        [.. PoliciesOf(roleLogicalId).SelectMany(StatementsOf)];

    /// <summary>The statements of a policy resource (AWS::IAM::Policy or AWS::IAM::ManagedPolicy).</summary>
    public static IReadOnlyList<JsonObject> StatementsOf(JsonObject policy) =>
        [.. policy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray().Select(statement => statement!.AsObject())];

    /// <summary>A statement's actions, a single string or a list alike.</summary>
    public static IReadOnlyList<string> ActionsOf(JsonNode statement) => ListOf(statement["Action"]);

    /// <summary>A statement's resources, each as its JSON (a string or an intrinsic).</summary>
    public static IReadOnlyList<string> ResourcesOf(JsonNode statement) =>
        statement["Resource"] is JsonArray array ? [.. array.Select(resource => resource!.ToJsonString())] : [statement["Resource"]!.ToJsonString()];

    private static IReadOnlyList<string> ListOf(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.Select(item => (string)item!)],
        null => [],
        _ => [(string)node!],
    };

    private static IEnumerable<JsonObject> ManifestObjects(JsonNode? manifest, string logicalId) =>
        EmbeddedJson.Parse(manifest) is JsonArray objects
            ? objects.Select(item => item!.AsObject())
            : throw new Xunit.Sdk.XunitException($"The manifest of {logicalId} is no JSON list of objects: {manifest?.ToJsonString()}");

    [GeneratedRegex("^[0-9A-F]{8}$")]
    private static partial Regex HashSuffix();
}
