using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConnectRest;
using CustomResources;
using KafkaConnect.Fake;

namespace ConnectorHealer.Tests;

/// <summary>The healer against the in-process Kafka Connect REST fake, minute by minute on a manual clock.</summary>
[Trait("Category", "Unit")]
public sealed class HealerTests : IDisposable
{
    private static readonly HealingPolicy Policy = new(RestartsEnabled: true, FirstBackoff: TimeSpan.FromMinutes(1), MaxBackoff: TimeSpan.FromMinutes(8), MaxRestartsPerHour: 3, StableAfter: TimeSpan.FromMinutes(5));

    private readonly FakeKafkaConnect connect = new();
    private readonly HttpClient http;
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly StringWriter output = new();
    private readonly InProcessHealingStateStore store = new();

    public HealerTests()
    {
        http = new HttpClient { BaseAddress = connect.BaseUrl };
    }

    public void Dispose()
    {
        http.Dispose();
        connect.Dispose();
    }

    [Fact]
    public async Task A_failed_task_is_restarted_and_runs_again()
    {
        await Register("orders");
        connect.FailTask("orders");

        var first = await Run();
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Run();

        Assert.Equal(["orders"], first.Restarted);
        Assert.Equal(1, connect.Connectors["orders"].Restarts);
        Assert.Contains("POST /connectors/orders/restart?includeTasks=true&onlyFailed=true", connect.Requests);
        Assert.Equal(Verdict.Healthy, second.Decisions.Single().Verdict);
        Assert.Equal([1, 0], Metrics("orders").Select(metric => (int)metric[ConnectorMetrics.Restarts]!));
        Assert.Equal([0, 1], Metrics("orders").Select(metric => (int)metric[ConnectorMetrics.RunningTasks]!));
    }

    [Fact]
    public async Task Many_connectors_failing_at_once_are_all_restarted_in_one_run()
    {
        string[] names = ["a", "b", "c", "d", "e", "f"];
        foreach (var name in names)
        {
            await Register(name);
            connect.FailTask(name);
        }

        var report = await Run(names);

        Assert.Equal(names, report.Restarted);
        Assert.All(names, name => Assert.Equal(1, connect.Connectors[name].Restarts));
    }

    [Fact]
    public async Task A_connector_that_keeps_failing_is_restarted_with_backoff_then_capped_and_the_cap_reported()
    {
        connect.FailingStarts["orders"] = int.MaxValue;
        await Register("orders");

        var verdicts = new List<Verdict>();
        for (var minute = 0; minute < 30; minute++)
        {
            verdicts.Add((await Run()).Decisions.Single().Verdict);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(3, connect.Connectors["orders"].Restarts);
        Assert.Equal(3, verdicts.Count(verdict => verdict == Verdict.Restart));
        Assert.Contains(Verdict.BackingOff, verdicts);
        Assert.Equal(Verdict.CapReached, verdicts[^1]);
        Assert.Equal(1, (int)Metrics("orders")[^1][ConnectorMetrics.RestartCapReached]!);
        Assert.Contains(Logs(), line => (string?)line["verdict"] == "CapReached" && ((string?)line["reason"])!.Contains("Access denied for user", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("stop")]
    public async Task A_paused_or_stopped_connector_is_not_restarted(string action)
    {
        await Register("orders");
        connect.FailTask("orders");
        (await http.PutAsync($"connectors/orders/{action}", null)).EnsureSuccessStatusCode();

        var report = await Run();

        Assert.Empty(report.Restarted);
        Assert.Equal(Verdict.Halted, report.Decisions.Single().Verdict);
        Assert.DoesNotContain(connect.Requests, request => request.Contains("/restart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Losing_a_worker_rebalances_without_restarts()
    {
        await Register("orders");
        connect.LoseWorker(conflicts: 3, pollsUnassigned: 2);

        var during = await Run();
        clock.Advance(TimeSpan.FromMinutes(1));
        var after = await Run();

        Assert.Equal(Verdict.Starting, during.Decisions.Single().Verdict);
        Assert.Equal(Verdict.Healthy, after.Decisions.Single().Verdict);
        Assert.Equal(0, connect.Connectors["orders"].Restarts);
    }

    [Fact]
    public async Task An_overlapping_run_that_saved_first_keeps_the_restart_to_itself()
    {
        await Register("orders");
        connect.FailTask("orders");
        var racing = new RacingStore(store);

        var report = await new Healer(new ConnectClient(http, TimeSpan.FromMilliseconds(10)), racing, Policy, ["orders"], new ConnectorMetrics(output, "kcc-test"), new StructuredLog(output), clock).RunAsync(CancellationToken.None);

        Assert.True(report.LostRace);
        Assert.Empty(report.Restarted);
        Assert.Equal(0, connect.Connectors["orders"].Restarts);
    }

    [Fact]
    public async Task A_declared_connector_that_is_not_registered_is_reported()
    {
        var report = await Run("orders");

        Assert.Equal(Verdict.Missing, report.Decisions.Single().Verdict);
        Assert.Equal(0, (int)Metrics("orders").Single()[ConnectorMetrics.RunningTasks]!);
    }

    [Fact]
    public async Task Metrics_are_embedded_metric_format_documents_CloudWatch_accepts()
    {
        await Register("orders");

        await Run();

        var document = Metrics("orders").Single();
        var directive = document["_aws"]!["CloudWatchMetrics"]![0]!;
        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), (long)document["_aws"]!["Timestamp"]!);
        Assert.Equal(ConnectorMetrics.Namespace, (string?)directive["Namespace"]);
        var dimensions = directive["Dimensions"]!.AsArray().Single()!.AsArray().Select(name => (string)name!).ToList();
        Assert.Equal([ConnectorMetrics.ClusterDimension, ConnectorMetrics.ConnectorDimension], dimensions);
        Assert.Equal("kcc-test", (string?)document[ConnectorMetrics.ClusterDimension]);
        foreach (var metric in directive["Metrics"]!.AsArray())
        {
            // Every declared metric must be a number at the top level, or CloudWatch drops the document.
            Assert.Equal(System.Text.Json.JsonValueKind.Number, document[(string)metric!["Name"]!]!.GetValueKind());
            Assert.Equal("Count", (string?)metric["Unit"]);
        }
    }

    private async Task Register(string name)
    {
        (await http.PutAsJsonAsync($"connectors/{name}/config", new Dictionary<string, string> { ["connector.class"] = "io.debezium.connector.mysql.MySqlConnector" })).EnsureSuccessStatusCode();
        (await http.GetAsync($"connectors/{name}/status")).EnsureSuccessStatusCode();
    }

    private Task<HealingReport> Run(params string[] expected) =>
        new Healer(new ConnectClient(http, TimeSpan.FromMilliseconds(10)), store, Policy, expected.Length == 0 ? ["orders"] : expected, new ConnectorMetrics(output, "kcc-test"), new StructuredLog(output), clock)
            .RunAsync(CancellationToken.None);

    private List<JsonNode> Lines() => [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!)];

    private List<JsonNode> Metrics(string connector) => [.. Lines().Where(line => line["_aws"] is not null && (string?)line[ConnectorMetrics.ConnectorDimension] == connector)];

    private List<JsonNode> Logs() => [.. Lines().Where(line => line["_aws"] is null)];

    /// <summary>Another run saves between this run's read and its write.</summary>
    private sealed class RacingStore(IHealingStateStore inner) : IHealingStateStore
    {
        public async Task<StoredState> LoadAsync(CancellationToken cancellation)
        {
            var read = await inner.LoadAsync(cancellation);
            Assert.True(await inner.TrySaveAsync(read.State, read.Version, cancellation));
            return read;
        }

        public Task<bool> TrySaveAsync(HealingState state, long readVersion, CancellationToken cancellation) => inner.TrySaveAsync(state, readVersion, cancellation);
    }
}

public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
