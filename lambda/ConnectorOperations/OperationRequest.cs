using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConnectorOperations;

/// <summary>A request the operations function refuses: nothing was changed. The message says why and what to do.</summary>
public sealed class RefusedException(string message) : Exception(message);

/// <summary>The operations an operator may ask for (scripts/connector-ops.sh sends them).</summary>
public static class Actions
{
    public const string Status = "status";
    public const string RestartFailed = "restart-failed";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Stop = "stop";
    public const string Snapshot = "snapshot";
    public const string GetOffsets = "get-offsets";
    public const string AlterOffsets = "alter-offsets";
    public const string ResetOffsets = "reset-offsets";

    public static readonly IReadOnlyList<string> All = [Status, RestartFailed, Pause, Resume, Stop, Snapshot, GetOffsets, AlterOffsets, ResetOffsets];

    /// <summary>Every action but <see cref="Status"/> names one connector.</summary>
    public static bool NeedsConnector(string action) => action != Status;
}

/// <summary>
/// One invocation's payload: <c>{"action": ..., "connector": ..., "tables": [...], "offsets": {"offsets": [...]},
/// "requestedBy": "arn:aws:..."}</c>. <c>requestedBy</c> is required because Lambda tells a function nothing about an IAM
/// caller: its context carries a Cognito identity and a mobile client context only (aws-lambda-dotnet
/// Amazon.Lambda.Core ILambdaContext.Identity / ClientContext); the wrapper fills it from <c>aws sts get-caller-identity</c>
/// and CloudTrail's Invoke data event is the authenticated record.
/// </summary>
public sealed partial record OperationRequest(string Action, string? Connector, IReadOnlyList<string> Tables, JsonNode? Offsets, string RequestedBy)
{
    public static OperationRequest Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new RefusedException($"the request is not JSON ({exception.Message.Split('.')[0]})");
        }

        if (root is not JsonObject request)
        {
            throw new RefusedException("the request is not a JSON object: send {\"action\": \"status\", \"requestedBy\": \"<your IAM ARN>\"}");
        }

        var action = Text(request, "action") ?? throw new RefusedException($"action is missing: use one of {string.Join(", ", Actions.All)}");
        if (!Actions.All.Contains(action))
        {
            throw new RefusedException($"action '{action}' is unknown: use one of {string.Join(", ", Actions.All)}");
        }

        var requestedBy = Text(request, "requestedBy");
        if (requestedBy is null || !CallerArnPattern().IsMatch(requestedBy))
        {
            throw new RefusedException($"requestedBy '{requestedBy}' is not an IAM user, role or assumed-role ARN: pass yours (aws sts get-caller-identity --query Arn), scripts/connector-ops.sh does");
        }

        var connector = Text(request, "connector");
        if (Actions.NeedsConnector(action) && connector is null)
        {
            throw new RefusedException($"{action} needs a connector: add \"connector\": \"<name>\"");
        }

        var tables = request["tables"] is JsonArray array ? array.Select(table => (string?)table ?? "").ToList() : [];
        if (action == Actions.Snapshot && (tables.Count == 0 || tables.Any(table => !TablePattern().IsMatch(table))))
        {
            throw new RefusedException("snapshot needs tables as database.table, e.g. \"tables\": [\"test_db.person\"]");
        }

        var offsets = request["offsets"];
        if (action == Actions.AlterOffsets && offsets?["offsets"] is not JsonArray { Count: > 0 })
        {
            throw new RefusedException("alter-offsets needs \"offsets\": {\"offsets\": [{\"partition\": {...}, \"offset\": {...}}]}, e.g. the previousOffsets an earlier change printed");
        }

        return new OperationRequest(action, connector, tables, offsets?.DeepClone(), requestedBy);
    }

    private static string? Text(JsonObject request, string name) =>
        request[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    [GeneratedRegex(@"^arn:aws[a-z-]*:(iam::[0-9]{12}:(user|role)/[A-Za-z0-9+=,.@_/-]+|sts::[0-9]{12}:assumed-role/[A-Za-z0-9+=,.@_-]+/[A-Za-z0-9+=,.@_-]+)$")]
    private static partial Regex CallerArnPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_$]+\.[A-Za-z0-9_$]+$")]
    private static partial Regex TablePattern();
}
