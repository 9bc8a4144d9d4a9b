using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KafkaConnect.Fake;

namespace ConnectorHealer.Tests;

[Trait("Category", "Unit")]
public sealed class FunctionTests
{
    private static readonly TimeProvider Clock = new ManualClock(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    private static Func<string, string?> Environment(Dictionary<string, string> values) => name => values.GetValueOrDefault(name);

    private static IHealingStateStore NoDurableStore((string Name, string Cluster) table) => throw new InvalidOperationException("observe mode must not open the table");

    [Theory]
    [InlineData("CONNECT_URL", "", "CONNECT_URL is not set")]
    [InlineData("CONNECT_URL", "connect:8083", "CONNECT_URL is 'connect:8083': use the Connect REST URL")]
    [InlineData("HEALING_MODE", "sometimes", "HEALING_MODE is 'sometimes': use 'restart' or 'observe'")]
    [InlineData("MAX_RESTARTS_PER_HOUR", "-1", "MAX_RESTARTS_PER_HOUR is '-1': use a whole number above 0")]
    [InlineData("STATE_TABLE", "", "STATE_TABLE is not set: the restart mode remembers restarts in DynamoDB")]
    [InlineData("MAX_BACKOFF_SECONDS", "30", "MAX_BACKOFF_SECONDS (30) is below FIRST_BACKOFF_SECONDS (60): raise it")]
    public void A_bad_setting_names_the_variable_and_the_fix(string variable, string value, string message)
    {
        var values = new Dictionary<string, string>
        {
            ["CONNECT_URL"] = "http://connect.internal:8083/",
            ["CONNECT_CLUSTER"] = "kcc-test",
            ["STATE_TABLE"] = "healer-state",
            ["HEALING_MODE"] = "restart",
        };
        values[variable] = value;
        if (value.Length == 0)
        {
            values.Remove(variable);
        }

        var exception = Assert.Throws<InvalidOperationException>(() => HealerSettings.FromEnvironment(Environment(values)));

        Assert.StartsWith(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_observe_mode_the_handler_reports_without_a_table_or_restarts()
    {
        using var connect = new FakeKafkaConnect();
        using var http = new HttpClient { BaseAddress = connect.BaseUrl };
        (await http.PutAsJsonAsync("connectors/orders/config", new Dictionary<string, string> { ["connector.class"] = "x" })).EnsureSuccessStatusCode();
        await http.GetAsync("connectors/orders/status");
        connect.FailTask("orders");
        var output = new StringWriter();
        var function = new Function(Environment(new()
        {
            ["CONNECT_URL"] = connect.BaseUrl.ToString(),
            ["CONNECT_CLUSTER"] = "kcc-test",
            ["EXPECTED_CONNECTORS"] = "orders, inventory",
            ["HEALING_MODE"] = "observe",
        }), output, TimeSpan.FromSeconds(10), Clock, NoDurableStore);

        var result = JsonNode.Parse(function.Handle(new MemoryStream("{\"source\":\"aws.events\"}"u8.ToArray())))!;

        Assert.Equal("FailedObserved", (string?)result["connectors"]!["orders"]);
        Assert.Equal("Missing", (string?)result["connectors"]!["inventory"]);
        Assert.Empty(result["restarted"]!.AsArray());
        Assert.Equal(0, connect.Connectors["orders"].Restarts);
    }

    [Fact]
    public void An_unreachable_Connect_fails_the_invocation_with_the_reason()
    {
        var output = new StringWriter();
        var function = new Function(Environment(new()
        {
            // Nothing listens on port 9 (discard) here: every attempt is refused and retried until the budget ends.
            ["CONNECT_URL"] = "http://127.0.0.1:9/",
            ["CONNECT_CLUSTER"] = "kcc-test",
            ["HEALING_MODE"] = "observe",
        }), output, TimeSpan.FromSeconds(2), Clock, NoDurableStore);

        var exception = Assert.Throws<TimeoutException>(() => function.Handle(new MemoryStream("{}"u8.ToArray())));

        Assert.Contains("Kafka Connect did not answer within the invocation's 2 s", exception.Message, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"ERROR\"", output.ToString(), StringComparison.Ordinal);
    }
}
