using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KafkaConnect.Fake;

/// <summary>
/// An in-process Kafka Connect REST API on 127.0.0.1 that models what the registrar relies on: 201 on create and 200 on
/// update, status going UNASSIGNED -> RUNNING (or FAILED) after a number of polls, restart, pause/stop/resume, config, the KIP-875 offsets API (get, alter and reset, only while STOPPED), validate
/// with error_count, delete and 404s, the expanded list; and faults on demand: latency, 409 bursts, 500s, dropped
/// connections, and the loss of a worker (a rebalance: 409s, then every task UNASSIGNED until it runs elsewhere).
/// </summary>
public sealed class FakeKafkaConnect : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, FakeConnector> connectors = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;
    private int conflictsToSend;
    private int errorsToSend;
    private int dropsToSend;
    private string worker = "10.0.1.5:8083";

    public FakeKafkaConnect()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                BaseUrl = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        serving = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public TimeSpan Latency { get; set; }

    /// <summary>Polls of the status a new connector stays UNASSIGNED.</summary>
    public int PollsUntilRunning { get; set; } = 1;

    /// <summary>Config keys the validate endpoint reports as wrong, with the message.</summary>
    public Dictionary<string, string> InvalidConfigs { get; } = [];

    /// <summary>Connectors whose task fails when it starts; the value is how many starts fail (int.MaxValue: always).</summary>
    public ConcurrentDictionary<string, int> FailingStarts { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>When set, registrations answer 400 with this message (a config Connect refuses outright).</summary>
    public string? RejectRegistrationsWith { get; set; }

    public IReadOnlyDictionary<string, FakeConnector> Connectors => connectors;

    public void SendConflicts(int count) => conflictsToSend = count;

    public void SendServerErrors(int count) => errorsToSend = count;

    public void DropConnections(int count) => dropsToSend = count;

    /// <summary>A running task fails now (as when the database goes away under it), with the usual trace.</summary>
    public void FailTask(string name) => connectors[name] = connectors[name] with { State = "FAILED" };

    /// <summary>
    /// A worker dies: the group rebalances (the next <paramref name="conflicts"/> requests answer 409) and every task is
    /// UNASSIGNED for <paramref name="pollsUnassigned"/> status reads, then runs on the surviving worker.
    /// </summary>
    public void LoseWorker(int conflicts, int pollsUnassigned)
    {
        conflictsToSend = conflicts;
        worker = "10.0.2.7:8083";
        foreach (var (name, connector) in connectors)
        {
            if (connector.State == "RUNNING")
            {
                connectors[name] = connector with { State = "UNASSIGNED", PollsLeft = pollsUnassigned };
            }
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath.Trim('/');
        Requests.Enqueue($"{request.HttpMethod} /{path}{request.Url.Query}");
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency);
        }

        if (Interlocked.Decrement(ref dropsToSend) >= 0)
        {
            // The connection breaks mid-response, as when a worker pod is killed during a rollout.
            context.Response.StatusCode = 200;
            context.Response.ContentLength64 = 1000;
            await context.Response.OutputStream.WriteAsync("{\"na"u8.ToArray());
            context.Response.Abort();
            return;
        }

        if (Interlocked.Decrement(ref conflictsToSend) >= 0)
        {
            await Reply(context, 409, new JsonObject { ["error_code"] = 409, ["message"] = "Cannot complete request momentarily due to rebalance" });
            return;
        }

        if (Interlocked.Decrement(ref errorsToSend) >= 0)
        {
            await Reply(context, 500, new JsonObject { ["error_code"] = 500, ["message"] = "Request timed out" });
            return;
        }

        var body = await new StreamReader(request.InputStream).ReadToEndAsync();
        var segments = path.Split('/').Select(Uri.UnescapeDataString).ToArray();
        var (status, reply) = (request.HttpMethod, segments) switch
        {
            ("PUT", ["connector-plugins", _, "config", "validate"]) => Validate(body),
            ("PUT", ["connectors", _, "config"]) when RejectRegistrationsWith is { } message => (400, new JsonObject { ["error_code"] = 400, ["message"] = message }),
            ("PUT", ["connectors", var name, "config"]) => Put(name, body),
            ("GET", ["connectors", var name, "status"]) => Status(name),
            ("POST", ["connectors", var name, "restart"]) => Restart(name, onlyFailed: request.QueryString["onlyFailed"] == "true"),
            ("GET", ["connectors", var name, "config"]) => connectors.TryGetValue(name, out var configured)
                ? (200, JsonSerializer.SerializeToNode(new Dictionary<string, string>(configured.Config) { ["name"] = name }))
                : NotFound(name),
            ("PUT", ["connectors", var name, "pause"]) => Halt(name, "PAUSED", 202),
            // Kafka's ConnectorsResource: stop returns no entity (204), pause and resume 202 Accepted.
            ("PUT", ["connectors", var name, "stop"]) => Halt(name, "STOPPED", 204),
            ("PUT", ["connectors", var name, "resume"]) => Halt(name, "RUNNING", 202),
            ("GET", ["connectors", var name, "offsets"]) => connectors.TryGetValue(name, out var withOffsets) ? (200, JsonNode.Parse(withOffsets.Offsets)) : NotFound(name),
            ("PATCH", ["connectors", var name, "offsets"]) => ModifyOffsets(name, body),
            ("DELETE", ["connectors", var name, "offsets"]) => ModifyOffsets(name, null),
            ("DELETE", ["connectors", var name]) => connectors.TryRemove(name, out _) ? (204, null) : NotFound(name),
            ("GET", ["connectors"]) when request.QueryString["expand"] == "status" =>
                (200, new JsonObject(connectors.Keys.Order().Select(name => KeyValuePair.Create(name, (JsonNode?)new JsonObject { ["status"] = Status(name).Item2 })))),
            ("GET", ["connectors"]) => (200, new JsonArray([.. connectors.Keys.Order().Select(name => (JsonNode)name)])),
            _ => (404, new JsonObject { ["error_code"] = 404, ["message"] = $"Unknown endpoint {path}" }),
        };
        await Reply(context, status, reply);
    }

    private (int, JsonNode?) Validate(string body)
    {
        var config = JsonNode.Parse(body)!.AsObject();
        var configs = new JsonArray(config.Select(pair => (JsonNode)new JsonObject
        {
            ["value"] = new JsonObject
            {
                ["name"] = pair.Key,
                ["errors"] = InvalidConfigs.TryGetValue(pair.Key, out var message) ? new JsonArray(message) : new JsonArray(),
            },
        }).ToArray());
        return (200, new JsonObject { ["name"] = "MySqlConnector", ["error_count"] = config.Count(pair => InvalidConfigs.ContainsKey(pair.Key)), ["configs"] = configs });
    }

    private (int, JsonNode?) Put(string name, string body)
    {
        var config = JsonSerializer.Deserialize<Dictionary<string, string>>(body)!;
        var created = !connectors.ContainsKey(name);
        var connector = connectors.AddOrUpdate(name, _ => new FakeConnector(config, PollsUntilRunning), (_, existing) => existing with { Config = config, PollsLeft = PollsUntilRunning, State = "UNASSIGNED" });
        return (created ? 201 : 200, new JsonObject { ["name"] = name, ["config"] = JsonSerializer.SerializeToNode(connector.Config) });
    }

    private (int, JsonNode?) Status(string name)
    {
        if (!connectors.TryGetValue(name, out var connector))
        {
            return NotFound(name);
        }

        if (connector.State is "UNASSIGNED" or "RESTARTING")
        {
            connector = connector with { PollsLeft = connector.PollsLeft - 1 };
            if (connector.PollsLeft <= 0)
            {
                var failing = FailingStarts.TryGetValue(name, out var starts) && starts > 0;
                if (failing && starts != int.MaxValue)
                {
                    FailingStarts[name] = starts - 1;
                }

                connector = connector with { State = failing ? "FAILED" : "RUNNING" };
            }

            connectors[name] = connector;
        }

        return (200, StatusJson(connector));
    }

    private (int, JsonNode?) Restart(string name, bool onlyFailed)
    {
        if (!connectors.TryGetValue(name, out var connector))
        {
            return NotFound(name);
        }

        if (!onlyFailed || connector.State == "FAILED")
        {
            connectors[name] = connector with { State = "RESTARTING", PollsLeft = 1, Restarts = connector.Restarts + 1 };
        }

        return (202, StatusJson(connectors[name]));
    }

    private (int, JsonNode?) Halt(string name, string state, int status)
    {
        if (!connectors.TryGetValue(name, out var connector))
        {
            return NotFound(name);
        }

        // A paused connector keeps a failed task failed until it is resumed; a stopped one has no tasks at all.
        connectors[name] = connector with { State = state is "RUNNING" or "STOPPED" || connector.State != "FAILED" ? state : connector.State, Halted = state != "RUNNING" ? state : null };
        return (status, null);
    }

    /// <summary>
    /// KIP-875 as Kafka's herders implement it: offsets change only while the connector is STOPPED with no tasks (else
    /// 400 naming the stop endpoint); an alter needs at least one partition; both answer 200 with a message.
    /// </summary>
    private (int, JsonNode?) ModifyOffsets(string name, string? body)
    {
        if (!connectors.TryGetValue(name, out var connector))
        {
            return NotFound(name);
        }

        if (body is not null && JsonNode.Parse(body)?["offsets"] is not JsonArray { Count: > 0 })
        {
            return (400, new JsonObject { ["error_code"] = 400, ["message"] = "Partitions / offsets need to be provided for an alter offsets request" });
        }

        if (connector.Halted != "STOPPED")
        {
            return (400, new JsonObject
            {
                ["error_code"] = 400,
                ["message"] = $"Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/{name}/stop' endpoint",
            });
        }

        if (body is null)
        {
            connectors[name] = connector with { Offsets = "{\"offsets\":[]}" };
            return (200, new JsonObject { ["message"] = ModifiedOffsetsMessage("reset") });
        }

        // A source connector's offsets are keyed by partition: the altered partitions replace theirs, the rest stay.
        var altered = JsonNode.Parse(body)!["offsets"]!.AsArray();
        var kept = JsonNode.Parse(connector.Offsets)!["offsets"]!.AsArray()
            .Where(existing => !altered.Any(change => JsonNode.DeepEquals(change!["partition"], existing!["partition"])))
            .Select(existing => existing!.DeepClone());
        var merged = new JsonArray([.. kept, .. altered.Where(change => change!["offset"] is not null).Select(change => change!.DeepClone())]);
        connectors[name] = connector with { Offsets = new JsonObject { ["offsets"] = merged }.ToJsonString() };
        return (200, new JsonObject { ["message"] = ModifiedOffsetsMessage("altered") });
    }

    /// <summary>
    /// Kafka Connect's answer for a connector whose <c>alterOffsets</c> returns false, the SourceConnector default that
    /// Debezium does not override (apache/kafka connect/runtime Worker.completeModifyOffsetsCallback).
    /// </summary>
    public static string ModifiedOffsetsMessage(string modification) =>
        $"The Connect framework-managed offsets for this connector have been {modification} successfully. However, if this connector manages offsets externally, they will need to be manually {modification} in the system that the connector uses.";

    private static (int, JsonNode?) NotFound(string name) => (404, new JsonObject { ["error_code"] = 404, ["message"] = $"Connector {name} not found" });

    private JsonObject StatusJson(FakeConnector connector) => new()
    {
        ["connector"] = new JsonObject { ["state"] = connector.Halted ?? (connector.State == "FAILED" ? "RUNNING" : connector.State), ["worker_id"] = worker },
        ["tasks"] = connector.State is "UNASSIGNED" or "STOPPED"
            ? new JsonArray()
            : new JsonArray(new JsonObject
            {
                ["id"] = 0,
                ["state"] = connector.State,
                ["worker_id"] = worker,
                ["trace"] = connector.State == "FAILED"
                    ? "org.apache.kafka.connect.errors.ConnectException: Access denied for user 'cdc_connector'\n\tat io.debezium.connector.mysql.MySqlConnectorTask.start(MySqlConnectorTask.java:120)\n\tat io.debezium.connector.common.BaseSourceTask.start(BaseSourceTask.java:141)\n\tat org.apache.kafka.connect.runtime.WorkerSourceTask.initializeAndStart(WorkerSourceTask.java:281)\n\tat org.apache.kafka.connect.runtime.WorkerTask.doRun(WorkerTask.java:224)\n\tat org.apache.kafka.connect.runtime.WorkerTask.run(WorkerTask.java:280)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)"
                    : null,
            }),
    };

    private static async Task Reply(HttpListenerContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
        }

        context.Response.Close();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

/// <summary>A connector with one task; <see cref="Halted"/> is PAUSED or STOPPED when someone paused or stopped it.</summary>
public sealed record FakeConnector(Dictionary<string, string> Config, int PollsLeft, string State = "UNASSIGNED", int Restarts = 0, string? Halted = null, string Offsets = FakeConnector.DebeziumMySqlOffsets)
{
    /// <summary>What GET /connectors/{name}/offsets returns for a Debezium MySQL connector: one partition, the binlog position.</summary>
    public const string DebeziumMySqlOffsets = """{"offsets":[{"partition":{"server":"fullfillment"},"offset":{"file":"mysql-bin-changelog.000042","pos":1534,"gtids":"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77","ts_sec":1764600000}}]}""";
}
