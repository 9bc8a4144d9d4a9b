using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using KafkaConnect.Fake;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>
/// A loopback Kubernetes API server (plain http on 127.0.0.1) with just what <c>kubectl get</c> needs: legacy discovery
/// (<c>/api</c>, <c>/apis</c> and each group version's APIResourceList; kubectl 1.35 first asks for aggregated discovery,
/// and a plain <c>application/json</c> answer makes client-go fall back to the legacy documents), namespaced list and
/// get, and the <c>metadata.name</c> field selector that the API server supports for every resource. Objects are
/// served as stored, so a test controls every field kubectl reads.
/// </summary>
public sealed class FakeKubernetesApi : LoopbackJsonServer
{
    private readonly IReadOnlyList<ApiResource> resources;
    private readonly ConcurrentDictionary<(string GroupVersion, string Plural, string Namespace, string Name), JsonObject> objects = new();
    private readonly ConcurrentQueue<Uri> requests = new();

    public FakeKubernetesApi(IReadOnlyList<ApiResource> resources) : base("application/json")
    {
        this.resources = resources;
        Start();
    }

    /// <summary>Every request's URL (path and query) in arrival order.</summary>
    public IReadOnlyList<Uri> Requests => [.. requests];

    /// <summary>Stores (or replaces) an object; its apiVersion, kind, metadata.name and metadata.namespace locate it.</summary>
    public void Put(JsonObject item)
    {
        var resource = resources.Single(candidate => candidate.GroupVersion == (string?)item["apiVersion"] && candidate.Kind == (string?)item["kind"]);
        objects[(resource.GroupVersion, resource.Plural, (string)item["metadata"]!["namespace"]!, (string)item["metadata"]!["name"]!)] = item;
    }

    /// <summary>A kubeconfig for this server, without credentials.</summary>
    public string Kubeconfig() =>
        $$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: fake
          cluster:
            server: {{Server}}
        contexts:
        - name: fake
          context:
            cluster: fake
            user: fake
        current-context: fake
        users:
        - name: fake
          user: {}
        """;

    protected override (int Status, JsonNode Body) Answer(HttpListenerRequest request)
    {
        requests.Enqueue(request.Url!);
        var (status, body) = Respond(request.Url!.AbsolutePath, request.QueryString["fieldSelector"]);
        return ((int)status, body);
    }

    private (HttpStatusCode Status, JsonNode Body) Respond(string path, string? fieldSelector)
    {
        if (path == "/api")
        {
            return (HttpStatusCode.OK, new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1") });
        }

        if (path == "/apis")
        {
            var groups = resources.Where(resource => resource.Group.Length > 0).GroupBy(resource => resource.Group).Select(group =>
            {
                var version = new JsonObject { ["groupVersion"] = group.First().GroupVersion, ["version"] = group.First().Version };
                return (JsonNode)new JsonObject { ["name"] = group.Key, ["versions"] = new JsonArray(version), ["preferredVersion"] = version.DeepClone() };
            });
            return (HttpStatusCode.OK, new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = new JsonArray([.. groups]) });
        }

        foreach (var groupVersion in resources.Select(resource => resource.GroupVersion).Distinct())
        {
            var prefix = groupVersion.Contains('/', StringComparison.Ordinal) ? $"/apis/{groupVersion}" : $"/api/{groupVersion}";
            if (path == prefix)
            {
                var list = resources.Where(resource => resource.GroupVersion == groupVersion).Select(resource => (JsonNode)resource.Discovery());
                return (HttpStatusCode.OK, new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = groupVersion, ["resources"] = new JsonArray([.. list]) });
            }

            if (path.StartsWith(prefix + "/namespaces/", StringComparison.Ordinal))
            {
                var segments = path[(prefix.Length + "/namespaces/".Length)..].Split('/');
                var resource = resources.SingleOrDefault(candidate => candidate.GroupVersion == groupVersion && segments.Length >= 2 && candidate.Plural == segments[1]);
                if (resource is null || segments.Length > 3)
                {
                    break;
                }

                var stored = objects.Where(pair => pair.Key.GroupVersion == groupVersion && pair.Key.Plural == resource.Plural && pair.Key.Namespace == segments[0]);
                if (segments.Length == 3)
                {
                    return stored.SingleOrDefault(pair => pair.Key.Name == segments[2]).Value is { } found
                        ? (HttpStatusCode.OK, found.DeepClone())
                        : NotFound($"{resource.Plural}.{resource.Group} \"{segments[2]}\" not found");
                }

                var names = new List<string>();
                foreach (var term in (fieldSelector ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!term.StartsWith("metadata.name=", StringComparison.Ordinal))
                    {
                        return (HttpStatusCode.BadRequest, Status(HttpStatusCode.BadRequest, "BadRequest", $"field label not supported: {term.Split('=')[0]}"));
                    }

                    names.Add(term["metadata.name=".Length..]);
                }

                var items = stored.Where(pair => names.All(name => name == pair.Key.Name)).OrderBy(pair => pair.Key.Name, StringComparer.Ordinal)
                    .Select(pair => pair.Value.DeepClone());
                return (HttpStatusCode.OK, new JsonObject
                {
                    ["apiVersion"] = groupVersion,
                    ["kind"] = resource.ListKind,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = "1" },
                    ["items"] = new JsonArray([.. items]),
                });
            }
        }

        return NotFound("the server could not find the requested resource");
    }

    private static (HttpStatusCode, JsonNode) NotFound(string message) => (HttpStatusCode.NotFound, Status(HttpStatusCode.NotFound, "NotFound", message));

    private static JsonObject Status(HttpStatusCode code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = (int)code,
    };
}

/// <summary>One namespaced resource type as discovery describes it.</summary>
public sealed record ApiResource(string Group, string Version, string Kind, string ListKind, string Plural, string Singular, IReadOnlyList<string> ShortNames)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The core v1 Service (Kubernetes API reference: Service v1 core, short name svc).</summary>
    public static ApiResource Service { get; } = new("", "v1", "Service", "ServiceList", "services", "service", ["svc"]);

    /// <summary>A custom resource as its CustomResourceDefinition registers it: spec.group, the storage version, spec.names.</summary>
    public static ApiResource FromCrd(JsonNode crd)
    {
        var spec = crd["spec"]!;
        var names = spec["names"]!;
        return new(
            (string)spec["group"]!,
            (string)spec["versions"]!.AsArray().Single(version => (bool)version!["storage"]!)!["name"]!,
            (string)names["kind"]!,
            (string)names["listKind"]!,
            (string)names["plural"]!,
            (string)names["singular"]!,
            [.. (names["shortNames"]?.AsArray() ?? []).Select(name => (string)name!)]);
    }

    public JsonObject Discovery() => new()
    {
        ["name"] = Plural,
        ["singularName"] = Singular,
        ["namespaced"] = true,
        ["kind"] = Kind,
        ["verbs"] = new JsonArray("get", "list"),
        ["shortNames"] = new JsonArray([.. ShortNames.Select(name => (JsonNode)name)]),
    };
}
