using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConnectRest;
using CustomResources;
using KafkaConnect.Fake;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Connect;

namespace ConnectorOperations.Tests;

public sealed class RecordingSignals : ISignalWriter
{
    public List<(string Table, IReadOnlyList<string> Tables)> Sent { get; } = [];

    public Task<string> ExecuteSnapshotAsync(string signalTable, IReadOnlyList<string> tables, CancellationToken cancellation)
    {
        Sent.Add((signalTable, tables));
        return Task.FromResult($"ops-{Sent.Count}");
    }
}

/// <summary>Every operation through the Lambda's handler against the in-process Kafka Connect REST fake.</summary>
[Trait("Category", "Unit")]
public sealed class OperationsTests : IDisposable
{
    private const string Operator = "arn:aws:sts::111111111111:assumed-role/PlatformOperator/jane.doe";

    private static readonly ConnectorEnvironment Environment = new("dev", "b-1:9098", "db.internal", 3306, "cdc_connector", "${dir:/mnt/connector-secrets:password}", "eu-west-1", "kcc-dev", "kcc-dev-keys", "BACKWARD");

    private readonly FakeKafkaConnect connect = new();
    private readonly HttpClient http;
    private readonly StringWriter log = new();
    private readonly RecordingSignals signals = new();

    public OperationsTests()
    {
        http = new HttpClient { BaseAddress = connect.BaseUrl };
    }

    public void Dispose()
    {
        http.Dispose();
        connect.Dispose();
    }

    private async Task Register(string name, string tables = "test_db.person")
    {
        var definition = new ConnectorDefinition { Name = name, TopicPrefix = name.Replace('-', '_'), Databases = ["test_db"], Tables = [.. tables.Split(',')] };
        (await http.PutAsJsonAsync($"connectors/{name}/config", DebeziumConnectorConfig.Managed(definition, Environment).Config)).EnsureSuccessStatusCode();
        (await http.GetAsync($"connectors/{name}/status")).EnsureSuccessStatusCode();
    }

    private JsonObject Invoke(object request, string? stateOwner = null)
    {
        var variables = new Dictionary<string, string>
        {
            [Function.StateOwnerVariable] = stateOwner ?? "",
            [Function.ConnectUrlVariable] = connect.BaseUrl.ToString(),
            [Function.DatabaseHostVariable] = "db.internal",
            [Function.DatabasePortVariable] = "3306",
            [Function.ConnectorSecretVariable] = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:kcc-dev/mysql/connector-GhIjKl",
        };
        var function = new Function(name => variables.GetValueOrDefault(name), log, TimeSpan.FromSeconds(20), new NoSecrets(), MySqlConnector.MySqlSslMode.None, signals);
        var output = function.Handle(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(request))));
        return JsonNode.Parse(new StreamReader(output).ReadToEnd())!.AsObject();
    }

    private IEnumerable<string> Mutations => connect.Requests.Where(request => !request.StartsWith("GET ", StringComparison.Ordinal));

    private IReadOnlyList<JsonNode> LogLines => [.. log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!)];

    [Fact]
    public async Task Status_lists_every_connector_and_task_with_the_failure_of_a_failed_one()
    {
        await Register("orders");
        await Register("people");
        connect.FailTask("people");

        var result = Invoke(new { action = "status", requestedBy = Operator });

        Assert.Equal("RUNNING", (string?)result["connectors"]!["orders"]!["tasks"]![0]!["state"]);
        Assert.Equal("Running", (string?)result["connectors"]!["orders"]!["health"]);
        Assert.Equal("FAILED", (string?)result["connectors"]!["people"]!["tasks"]![0]!["state"]);
        Assert.StartsWith("connector people task 0 is FAILED: org.apache.kafka.connect.errors.ConnectException: Access denied", (string?)result["connectors"]!["people"]!["failure"], StringComparison.Ordinal);
        Assert.All(Mutations, request => Assert.EndsWith("/config", request, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_failed_restarts_only_the_failed_tasks_of_that_connector()
    {
        await Register("orders");
        connect.FailTask("orders");

        var result = Invoke(new { action = "restart-failed", connector = "orders", requestedBy = Operator });

        Assert.Contains("POST /connectors/orders/restart?includeTasks=true&onlyFailed=true", connect.Requests);
        Assert.Equal(1, connect.Connectors["orders"].Restarts);
        Assert.Equal("orders", (string?)result["connector"]);
    }

    [Theory]
    [InlineData("pause", "PUT /connectors/orders/pause", "PAUSED")]
    [InlineData("stop", "PUT /connectors/orders/stop", "STOPPED")]
    public async Task Pause_and_stop_halt_the_connector_and_resume_runs_it_again(string action, string call, string state)
    {
        await Register("orders");

        var halted = Invoke(new { action, connector = "orders", requestedBy = Operator });
        var resumed = Invoke(new { action = "resume", connector = "orders", requestedBy = Operator });

        Assert.Contains(call, connect.Requests);
        Assert.Equal(state, (string?)halted["status"]!["state"]);
        Assert.Equal(state, (string?)resumed["stateBefore"]);
        Assert.Equal("RUNNING", (string?)resumed["status"]!["state"]);
        Assert.Contains("PUT /connectors/orders/resume", connect.Requests);
    }

    /// <summary>
    /// Strimzi 1.2.0 (AbstractConnectOperator.updateState) moves a KafkaConnector back to its spec.state on every
    /// reconciliation, so in the strimzi management mode a REST pause, stop or offsets change would be undone.
    /// </summary>
    [Theory]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("stop")]
    [InlineData("reset-offsets")]
    public async Task State_changes_are_refused_when_strimzi_owns_the_connectors_and_nothing_is_changed(string action)
    {
        await Register("orders");
        var before = Mutations.Count();

        var result = Invoke(new { action, connector = "orders", requestedBy = Operator }, Function.StrimziStateOwner);

        Assert.StartsWith($"{action} is Strimzi's to do here", (string?)result["refused"]);
        Assert.Contains("spec.state", (string?)result["refused"], StringComparison.Ordinal);
        Assert.Equal(before, Mutations.Count());
    }

    [Fact]
    public async Task Status_and_restart_still_work_when_strimzi_owns_the_connectors()
    {
        await Register("orders");

        var status = Invoke(new { action = "status", requestedBy = Operator }, Function.StrimziStateOwner);

        Assert.Equal("RUNNING", (string?)status["connectors"]!["orders"]!["state"]);
    }

    [Fact]
    public void An_unknown_state_owner_is_refused_at_start_naming_the_variable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Invoke(new { action = "status", requestedBy = Operator }, "operator"));

        Assert.Equal("STATE_OWNER is 'operator': use 'rest' or 'strimzi'", error.Message);
    }

    [Fact]
    public async Task An_unknown_connector_is_refused_and_nothing_is_changed()
    {
        await Register("orders");
        var before = Mutations.Count();

        var result = Invoke(new { action = "stop", connector = "order", requestedBy = Operator });

        Assert.Equal("unknown connector 'order': Kafka Connect runs orders", (string?)result["refused"]);
        Assert.Equal(before, Mutations.Count());
    }

    [Fact]
    public async Task Changing_offsets_of_a_running_connector_is_refused_before_kafka_connect_is_asked()
    {
        await Register("orders");
        var before = Mutations.Count();

        var reset = Invoke(new { action = "reset-offsets", connector = "orders", requestedBy = Operator });
        var alter = Invoke(new { action = "alter-offsets", connector = "orders", requestedBy = Operator, offsets = JsonNode.Parse(FakeConnector.DebeziumMySqlOffsets) });

        Assert.StartsWith("connector 'orders' is RUNNING: offsets change only while it is STOPPED (KIP-875). Run scripts/connector-ops.sh stop orders", (string?)reset["refused"], StringComparison.Ordinal);
        Assert.NotNull(alter["refused"]);
        Assert.Equal(before, Mutations.Count());
        Assert.Equal(JsonNode.Parse(FakeConnector.DebeziumMySqlOffsets)!.ToJsonString(), JsonNode.Parse(connect.Connectors["orders"].Offsets)!.ToJsonString());
    }

    /// <summary>
    /// Kafka Connect itself refuses too (AbstractHerder / StandaloneHerder: 400 "Connectors must be in the STOPPED state
    /// before their offsets can be modified ..." unless the target state is STOPPED with no tasks; apache/kafka KIP-875).
    /// </summary>
    [Fact]
    public async Task The_fake_refuses_an_offsets_change_on_a_running_connector_as_kafka_connect_does()
    {
        await Register("orders");
        var client = new ConnectClient(http);

        var exception = await Assert.ThrowsAsync<ConnectApiException>(() => client.ResetOffsetsAsync("orders", CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, exception.Status);
        Assert.Contains("Connectors must be in the STOPPED state before their offsets can be modified", exception.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PutAsync("connectors/orders/stop", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PutAsync("connectors/orders/pause", null)).StatusCode);
    }

    [Fact]
    public async Task Reset_prints_the_previous_offsets_and_altering_back_to_them_undoes_it()
    {
        await Register("orders");
        var original = JsonNode.Parse(connect.Connectors["orders"].Offsets)!;
        Invoke(new { action = "stop", connector = "orders", requestedBy = Operator });

        var reset = Invoke(new { action = "reset-offsets", connector = "orders", requestedBy = Operator });
        var undo = Invoke(new { action = "alter-offsets", connector = "orders", requestedBy = Operator, offsets = reset["previousOffsets"] });

        Assert.Equal(original.ToJsonString(), reset["previousOffsets"]!.ToJsonString());
        Assert.Equal("The Connect framework-managed offsets for this connector have been reset successfully. However, if this connector manages offsets externally, they will need to be manually reset in the system that the connector uses.", (string?)reset["message"]);
        Assert.Empty(reset["offsets"]!["offsets"]!.AsArray());
        Assert.Equal("The Connect framework-managed offsets for this connector have been altered successfully. However, if this connector manages offsets externally, they will need to be manually altered in the system that the connector uses.", (string?)undo["message"]);
        Assert.Equal(original.ToJsonString(), undo["offsets"]!.ToJsonString());
        Assert.Contains("DELETE /connectors/orders/offsets", connect.Requests);
        Assert.Contains("PATCH /connectors/orders/offsets", connect.Requests);
        // The log alone can undo it: the previous offsets are written before the change is made.
        var beforeChange = LogLines.First(line => (string?)line["message"] == "offsets before the change");
        Assert.Equal(original.ToJsonString(), JsonNode.Parse((string)beforeChange["previousOffsets"]!)!.ToJsonString());
    }

    [Fact]
    public async Task Altering_offsets_moves_the_connector_to_the_given_binlog_position()
    {
        await Register("orders");
        Invoke(new { action = "stop", connector = "orders", requestedBy = Operator });
        var target = JsonNode.Parse("""{"offsets":[{"partition":{"server":"fullfillment"},"offset":{"file":"mysql-bin-changelog.000050","pos":4}}]}""");

        var result = Invoke(new { action = "alter-offsets", connector = "orders", requestedBy = Operator, offsets = target });

        Assert.Equal(target!.ToJsonString(), result["offsets"]!.ToJsonString());
        Assert.Equal("STOPPED", (string?)result["status"]!["state"]);
    }

    [Fact]
    public async Task A_snapshot_of_captured_tables_writes_one_signal_into_the_connectors_signal_table()
    {
        await Register("orders", "test_db.person,test_db.address");

        var result = Invoke(new { action = "snapshot", connector = "orders", tables = new[] { "test_db.address" }, requestedBy = Operator });

        var (table, tables) = Assert.Single(signals.Sent);
        Assert.Equal("cdc_control.debezium_signal", table);
        Assert.Equal(["test_db.address"], tables);
        Assert.Equal("ops-1", (string?)result["signalId"]);
    }

    [Theory]
    [InlineData("test_db.orders")]
    [InlineData("other_db.person")]
    [InlineData("cdc_control.debezium_signal")]
    public async Task A_snapshot_of_a_table_the_connector_does_not_capture_is_refused_and_no_signal_is_sent(string table)
    {
        await Register("orders");

        var result = Invoke(new { action = "snapshot", connector = "orders", tables = new[] { "test_db.person", table }, requestedBy = Operator });

        Assert.StartsWith($"connector 'orders' does not capture {table} (table.include.list is test_db.person,", (string?)result["refused"], StringComparison.Ordinal);
        Assert.Empty(signals.Sent);
    }

    [Fact]
    public async Task Every_action_is_logged_with_who_asked_also_when_refused()
    {
        await Register("orders");

        Invoke(new { action = "pause", connector = "orders", requestedBy = Operator });
        Invoke(new { action = "stop", connector = "nope", requestedBy = Operator });

        var requested = LogLines.Where(line => (string?)line["message"] == "operation requested").ToList();
        Assert.Equal(2, requested.Count);
        Assert.All(requested, line => Assert.Equal(Operator, (string?)line["requestedBy"]));
        Assert.Equal(Operator, (string?)LogLines.Single(line => (string?)line["message"] == "operation done")["requestedBy"]);
        Assert.Equal(Operator, (string?)LogLines.Single(line => (string?)line["message"] == "operation refused")["requestedBy"]);
    }

    [Theory]
    [InlineData("""{"action":"status"}""", "requestedBy '' is not an IAM user, role or assumed-role ARN")]
    [InlineData("""{"action":"status","requestedBy":"jane"}""", "requestedBy 'jane' is not an IAM user, role or assumed-role ARN")]
    [InlineData("""{"action":"drop","requestedBy":"arn:aws:iam::111111111111:user/jane"}""", "action 'drop' is unknown: use one of status, restart-failed, pause, resume, stop, snapshot, get-offsets, alter-offsets, reset-offsets")]
    [InlineData("""{"action":"pause","requestedBy":"arn:aws:iam::111111111111:user/jane"}""", "pause needs a connector")]
    [InlineData("""{"action":"snapshot","connector":"orders","tables":["person"],"requestedBy":"arn:aws:iam::111111111111:user/jane"}""", "snapshot needs tables as database.table")]
    [InlineData("""{"action":"alter-offsets","connector":"orders","requestedBy":"arn:aws:iam::111111111111:user/jane"}""", "alter-offsets needs \"offsets\"")]
    public void A_malformed_request_is_refused_naming_the_field(string json, string refusal) =>
        Assert.StartsWith(refusal, Assert.Throws<RefusedException>(() => OperationRequest.Parse(json)).Message, StringComparison.Ordinal);

    private sealed class NoSecrets : ISecretSource
    {
        public Task<DatabaseCredentials> GetAsync(string secretArn, CancellationToken cancellation) => throw new InvalidOperationException("no secrets in these tests");
    }
}
