using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>
/// The openAPIV3Schema of Strimzi 1.2.0's CRDs (Reference/strimzi-1.2.0), made strict: an object schema that
/// lists its properties rejects any other key, so a misspelled field fails here instead of being pruned silently by
/// the API server.
/// </summary>
public static class StrimziSchemas
{
    public static string ReferenceDirectory { get; } = Path.Combine(RepositoryFiles.TestProjectDirectory, "Reference", "strimzi-1.2.0");

    /// <summary>The team's shared reference copy, beside the repository when present.</summary>
    public static string SharedReferenceDirectory { get; } = Path.GetFullPath(Path.Combine(RepositoryFiles.Root, "..", "shared", "reference", "strimzi-1.2.0"));

    public static string SecretProviderClassCrdPath { get; } =
        Path.Combine(RepositoryFiles.TestProjectDirectory, "Reference", "secrets-store-csi-driver", "secrets-store.csi.x-k8s.io_secretproviderclasses.yaml");

    public static string AmazonCloudWatchAgentCrdPath { get; } =
        Path.Combine(RepositoryFiles.TestProjectDirectory, "Reference", "cloudwatch-agent-operator", "amazoncloudwatchagents-v1alpha1.yaml");

    public static JsonSchema KafkaConnect { get; } = Load("041-Crd-kafkaconnect.yaml");

    public static JsonSchema KafkaConnector { get; } = Load("047-Crd-kafkaconnector.yaml");

    /// <summary>The CloudWatch agent operator's AmazonCloudWatchAgent (installed by the amazon-cloudwatch-observability add-on).</summary>
    public static JsonSchema AmazonCloudWatchAgent { get; } = LoadCrd(AmazonCloudWatchAgentCrdPath, "v1alpha1");

    /// <summary>
    /// The Secrets Store CSI driver's SecretProviderClass v1 (kubernetes-sigs/secrets-store-csi-driver
    /// charts/secrets-store-csi-driver/crds/secrets-store.csi.x-k8s.io_secretproviderclasses.yaml@v1.6.0).
    /// </summary>
    public static JsonSchema SecretProviderClass { get; } = LoadCrd(SecretProviderClassCrdPath, "v1");

    public static IReadOnlyList<string> Validate(JsonSchema schema, JsonNode manifest)
    {
        var result = schema.Evaluate(manifest, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
                .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Key}: {error.Value}"))];
    }

    /// <summary>
    /// The keys Strimzi 1.2.0 forbids in a KafkaConnector's spec.config, read from the v1 schema's description of that
    /// field in 047-Crd-kafkaconnector.yaml ("The following properties cannot be set: name, connector.class, ...").
    /// </summary>
    public static IReadOnlyList<string> KafkaConnectorForbiddenConfigKeys()
    {
        const string Marker = "cannot be set: ";
        var description = (string)ReadYaml("047-Crd-kafkaconnector.yaml")["spec"]!["versions"]!.AsArray()
            .Single(version => (string?)version!["name"] == "v1")!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["config"]!["description"]!;
        return description[(description.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].TrimEnd('.').Split(", ");
    }

    public static JsonNode ReadYaml(string fileName) => ReadYamlFile(Path.Combine(ReferenceDirectory, fileName));

    /// <summary>The apiVersion (group/version) and kind a manifest of the CRD at <paramref name="crdPath"/> must carry.</summary>
    public static (string ApiVersion, string Kind) TypeOf(string crdPath, string versionName)
    {
        var spec = ReadYamlFile(crdPath)["spec"]!;
        var version = spec["versions"]!.AsArray().Single(candidate => (string?)candidate!["name"] == versionName)!;
        if ((bool?)version["served"] != true)
        {
            throw new InvalidOperationException($"{versionName} is not served by {crdPath}");
        }

        return ($"{(string?)spec["group"]}/{versionName}", (string)spec["names"]!["kind"]!);
    }

    private static JsonNode ReadYamlFile(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(path));
        stream.Load(reader);
        return ToJson(stream.Documents[0].RootNode)!;
    }

    // Plain YAML scalars carry their type (numbers, booleans, null); quoted ones are strings.
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair => KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => PlainScalar(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static JsonNode? PlainScalar(string value) => value switch
    {
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        "null" or "~" or "" => null,
        _ when long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
        _ when double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var real) => JsonValue.Create(real),
        _ => JsonValue.Create(value),
    };

    private static JsonSchema Load(string crdFile) => LoadCrd(Path.Combine(ReferenceDirectory, crdFile), "v1");

    private static JsonSchema LoadCrd(string path, string versionName)
    {
        var crd = ReadYamlFile(path);
        var version = crd["spec"]!["versions"]!.AsArray().Single(candidate => (string?)candidate!["name"] == versionName)!;
        var schema = version["schema"]!["openAPIV3Schema"]!.DeepClone();
        Tighten(schema);
        return JsonSchema.FromText(schema.ToJsonString());
    }

    private static void Tighten(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["properties"] is JsonObject && !obj.ContainsKey("additionalProperties") && !obj.ContainsKey("x-kubernetes-preserve-unknown-fields"))
                {
                    obj["additionalProperties"] = false;
                }

                // Branches of oneOf/anyOf only say which keys may appear together; tightening them would reject the rest.
                foreach (var child in obj.Where(pair => pair.Key is not ("oneOf" or "anyOf" or "allOf")).Select(pair => pair.Value).ToList())
                {
                    Tighten(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Tighten(child);
                }

                break;
        }
    }
}
