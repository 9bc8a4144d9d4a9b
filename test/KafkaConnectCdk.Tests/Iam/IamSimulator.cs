using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Iam;

/// <summary>A request a client makes: who, what, on which resource, and whether it must be allowed.</summary>
public sealed record AccessRequest(string Principal, string Action, string Resource, bool MustBeAllowed, string Why)
{
    public override string ToString() => $"{(MustBeAllowed ? "allow" : "deny")} {Principal} {Action} {Resource} ({Why})";
}

/// <summary>A principal's identity policies, resolved to concrete ARNs.</summary>
public sealed record Principal(string Name, string RoleArn, string Account, IReadOnlyList<JsonNode> Policies);

/// <summary>
/// Runs test/KafkaConnectCdk.Tests/Iam/simulate.mjs (iam-simulate and iam-data from package.json) with the repository's
/// own node (node_modules/.bin/node, as scripts/test.sh puts on PATH).
/// </summary>
public static class IamSimulator
{
    private static string Node
    {
        get
        {
            var local = RepositoryFiles.PathOf("node_modules", ".bin", "node");
            return File.Exists(local) ? local : "node";
        }
    }

    public static IReadOnlyList<(AccessRequest Request, string Decision, string? Error)> Evaluate(IReadOnlyDictionary<string, Principal> principals, IReadOnlyList<AccessRequest> requests)
    {
        var input = new JsonObject
        {
            ["requests"] = new JsonArray([.. requests.Select((request, index) => (JsonNode)new JsonObject
            {
                ["id"] = index,
                ["principal"] = principals[request.Principal].RoleArn,
                ["account"] = principals[request.Principal].Account,
                ["policies"] = new JsonArray([.. principals[request.Principal].Policies.Select(policy => policy.DeepClone())]),
                ["action"] = request.Action,
                ["resource"] = request.Resource,
            })]),
        };
        var output = Run(input);
        return [.. output["decisions"]!.AsArray().Select(decision =>
            (requests[(int)decision!["id"]!], (string)decision["decision"]!, (string?)decision["error"]))];
    }

    public static IReadOnlyList<string> UnknownActions(IEnumerable<string> actions) =>
        [.. Run(new JsonObject { ["actions"] = new JsonArray([.. actions.Select(action => (JsonNode)action)]) })["unknownActions"]!.AsArray().Select(action => (string)action!)];

    private static JsonNode Run(JsonObject input)
    {
        var start = new ProcessStartInfo(Node, [RepositoryFiles.PathOf("test", "KafkaConnectCdk.Tests", "Iam", "simulate.mjs")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.Root,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"simulate.mjs exited {process.ExitCode}: {stderr.Result}");
        }

        return JsonNode.Parse(stdout.Result) ?? throw new JsonException("empty simulator output");
    }
}
