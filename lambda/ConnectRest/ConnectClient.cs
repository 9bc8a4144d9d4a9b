using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;

namespace ConnectRest;

/// <summary>A Kafka Connect REST API answer that retrying will not change (a 4xx other than 409).</summary>
public sealed class ConnectApiException(HttpStatusCode status, string operation, string body)
    : Exception($"{operation} failed with {(int)status} {status}: {Summarize(body)}")
{
    public HttpStatusCode Status { get; } = status;

    private static string Summarize(string body)
    {
        try
        {
            return (string?)JsonNode.Parse(body)?["message"] ?? body;
        }
        catch (JsonException)
        {
            return body.Length > 300 ? body[..300] : body;
        }
    }
}

public sealed record ConnectorStatus(string ConnectorState, IReadOnlyList<TaskStatus> Tasks);

public sealed record TaskStatus(int Id, string State, string? Trace);

public sealed record ValidationError(string Config, string Message);

/// <summary>
/// The Kafka Connect REST calls the registrar, the healer and the operations function make. Transient faults (409 while the workers rebalance, 5xx, refused or
/// dropped connections, timeouts while Connect rolls out) are retried with exponential backoff until the caller's
/// token, which carries the invocation's remaining time, expires; any other 4xx fails at once.
/// </summary>
public sealed class ConnectClient(HttpClient http, TimeSpan? firstRetryDelay = null)
{
    private readonly ResiliencePipeline<HttpResponseMessage> retries = new ResiliencePipelineBuilder<HttpResponseMessage>()
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .Handle<TaskCanceledException>(exception => exception.InnerException is TimeoutException)
                .HandleResult(response => response.StatusCode == HttpStatusCode.Conflict || (int)response.StatusCode >= 500),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = firstRetryDelay ?? TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(10),
        })
        .Build();

    public async Task<IReadOnlyList<ValidationError>> ValidateAsync(string connectorClass, IReadOnlyDictionary<string, string> config, CancellationToken cancellation)
    {
        var body = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, $"connector-plugins/{Uri.EscapeDataString(connectorClass)}/config/validate") { Content = JsonContent.Create(config) }, "validate", cancellation);
        var result = JsonNode.Parse(body)!;
        if ((int?)result["error_count"] is null or 0)
        {
            return [];
        }

        return
        [
            .. (result["configs"]?.AsArray() ?? [])
                .Select(entry => entry?["value"])
                .Where(value => value?["errors"] is JsonArray { Count: > 0 })
                .SelectMany(value => value!["errors"]!.AsArray().Select(error => new ValidationError((string?)value["name"] ?? "?", (string?)error ?? ""))),
        ];
    }

    /// <summary>Creates (201) or updates (200) the connector: idempotent.</summary>
    public Task PutConfigAsync(string name, IReadOnlyDictionary<string, string> config, CancellationToken cancellation) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Put, $"connectors/{Uri.EscapeDataString(name)}/config") { Content = JsonContent.Create(config) }, "register", cancellation);

    /// <summary>Deletes the connector; one that does not exist counts as deleted.</summary>
    public Task DeleteAsync(string name, CancellationToken cancellation) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, $"connectors/{Uri.EscapeDataString(name)}"), "delete", cancellation, notFoundIsSuccess: true);

    /// <summary>The connector's status, or null while Connect does not know it yet (404).</summary>
    public async Task<ConnectorStatus?> GetStatusAsync(string name, CancellationToken cancellation)
    {
        var body = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"connectors/{Uri.EscapeDataString(name)}/status"), "status", cancellation, notFoundIsSuccess: true);
        if (body.Length == 0)
        {
            return null;
        }

        return ParseStatus(JsonNode.Parse(body)!);
    }

    /// <summary>Every connector's status in one call (<c>GET /connectors?expand=status</c>), by connector name.</summary>
    public async Task<IReadOnlyDictionary<string, ConnectorStatus>> ListStatusesAsync(CancellationToken cancellation)
    {
        var body = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "connectors?expand=status"), "list statuses", cancellation);
        return JsonNode.Parse(body)!.AsObject()
            .Where(entry => entry.Value?["status"] is not null)
            .ToDictionary(entry => entry.Key, entry => ParseStatus(entry.Value!["status"]!), StringComparer.Ordinal);
    }

    /// <summary>Restarts the connector if it failed and each of its failed tasks (Kafka 3.0+); running tasks are left alone.</summary>
    public Task RestartFailedTasksAsync(string name, CancellationToken cancellation) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"connectors/{Uri.EscapeDataString(name)}/restart?includeTasks=true&onlyFailed=true"), "restart", cancellation);

    /// <summary>The connector's configuration as Connect stores it; null when Connect does not know the connector (404).</summary>
    public async Task<IReadOnlyDictionary<string, string>?> GetConfigAsync(string name, CancellationToken cancellation)
    {
        var body = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"connectors/{Uri.EscapeDataString(name)}/config"), "config", cancellation, notFoundIsSuccess: true);
        return body.Length == 0 ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(body);
    }

    /// <summary>PUT /connectors/{name}/pause: 202, idempotent (Kafka's ConnectorsResource).</summary>
    public Task PauseAsync(string name, CancellationToken cancellation) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Put, $"connectors/{Uri.EscapeDataString(name)}/pause"), "pause", cancellation);

    /// <summary>PUT /connectors/{name}/resume: 202, idempotent; also starts a STOPPED connector's tasks again.</summary>
    public Task ResumeAsync(string name, CancellationToken cancellation) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Put, $"connectors/{Uri.EscapeDataString(name)}/resume"), "resume", cancellation);

    /// <summary>PUT /connectors/{name}/stop: 204, idempotent; the connector keeps its config and has no tasks (KIP-875).</summary>
    public Task StopAsync(string name, CancellationToken cancellation) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Put, $"connectors/{Uri.EscapeDataString(name)}/stop"), "stop", cancellation);

    /// <summary>GET /connectors/{name}/offsets: <c>{"offsets":[{"partition":{...},"offset":{...}}]}</c> (KIP-875).</summary>
    public async Task<JsonNode> GetOffsetsAsync(string name, CancellationToken cancellation) =>
        JsonNode.Parse(await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"connectors/{Uri.EscapeDataString(name)}/offsets"), "offsets", cancellation))!;

    /// <summary>PATCH /connectors/{name}/offsets with <c>{"offsets":[...]}</c>: 200 with a message; 400 unless the connector is STOPPED.</summary>
    public async Task<string> AlterOffsetsAsync(string name, JsonNode offsets, CancellationToken cancellation) => Message(await SendAsync(
        () => new HttpRequestMessage(HttpMethod.Patch, $"connectors/{Uri.EscapeDataString(name)}/offsets") { Content = new StringContent(offsets.ToJsonString(), System.Text.Encoding.UTF8, "application/json") },
        "alter offsets", cancellation));

    /// <summary>DELETE /connectors/{name}/offsets: 200 with a message; 400 unless the connector is STOPPED.</summary>
    public async Task<string> ResetOffsetsAsync(string name, CancellationToken cancellation) =>
        Message(await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, $"connectors/{Uri.EscapeDataString(name)}/offsets"), "reset offsets", cancellation));

    private static string Message(string body) => body.Length == 0 ? "" : (string?)JsonNode.Parse(body)?["message"] ?? "";

    private static ConnectorStatus ParseStatus(JsonNode status) => new(
        (string?)status["connector"]?["state"] ?? "UNASSIGNED",
        [.. (status["tasks"]?.AsArray() ?? []).Select(task => new TaskStatus((int?)task!["id"] ?? 0, (string?)task["state"] ?? "UNASSIGNED", (string?)task["trace"]))]);

    private async Task<string> SendAsync(Func<HttpRequestMessage> request, string operation, CancellationToken cancellation, bool notFoundIsSuccess = false)
    {
        using var response = await retries.ExecuteAsync(async token => await http.SendAsync(request(), token), cancellation);
        var body = await response.Content.ReadAsStringAsync(cancellation);
        if (response.IsSuccessStatusCode)
        {
            return body;
        }

        return notFoundIsSuccess && response.StatusCode == HttpStatusCode.NotFound
            ? ""
            : throw new ConnectApiException(response.StatusCode, operation, body);
    }
}
