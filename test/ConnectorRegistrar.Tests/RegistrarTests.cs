using ConnectRest;
using CustomResources;
using KafkaConnect.Fake;
using System.Diagnostics;

namespace ConnectorRegistrar.Tests;

[Trait("Category", "Unit")]
public sealed class RegistrarTests : IDisposable
{
    private readonly FakeKafkaConnect connect = new();
    private readonly StringWriter logOutput = new();

    private Registrar Registrar => new(url => new ConnectClient(new HttpClient { BaseAddress = url }, TimeSpan.FromMilliseconds(20)), new StructuredLog(logOutput));

    private static CancellationToken Within(double seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public void Dispose() => connect.Dispose();

    [Fact]
    public async Task Create_validates_then_registers_the_connector_under_a_physical_id_naming_it()
    {
        var response = await Registrar.OnEventAsync(Events.Parse("create", connect.BaseUrl), Within(10));

        Assert.Equal("connector:fullfillment-json", response.PhysicalResourceId);
        Assert.Equal(["PUT /connector-plugins/io.debezium.connector.mysql.MySqlConnector/config/validate", "PUT /connectors/fullfillment-json/config"], connect.Requests);
        Assert.Equal("io.debezium.connector.mysql.MySqlConnector", connect.Connectors["fullfillment-json"].Config["connector.class"]);
    }

    [Fact]
    public async Task Update_puts_the_new_config_over_the_existing_connector()
    {
        await Registrar.OnEventAsync(Events.Parse("create", connect.BaseUrl), Within(10));
        var response = await Registrar.OnEventAsync(Events.Parse("update", connect.BaseUrl), Within(10));

        Assert.Equal("connector:fullfillment-json", response.PhysicalResourceId);
        Assert.Equal(2, connect.Requests.Count(request => request == "PUT /connectors/fullfillment-json/config"));
        Assert.Single(connect.Connectors);
    }

    [Fact]
    public async Task Delete_removes_the_connector_and_a_missing_one_counts_as_deleted()
    {
        await Registrar.OnEventAsync(Events.Parse("create", connect.BaseUrl), Within(10));
        await Registrar.OnEventAsync(Events.Parse("delete", connect.BaseUrl), Within(10));
        await Registrar.OnEventAsync(Events.Parse("delete", connect.BaseUrl), Within(10));

        Assert.Empty(connect.Connectors);
        Assert.Equal(2, connect.Requests.Count(request => request == "DELETE /connectors/fullfillment-json"));
    }

    [Fact]
    public async Task Fails_with_the_reported_errors_when_connect_rejects_the_config()
    {
        connect.InvalidConfigs["database.hostname"] = "Unable to connect: Communications link failure";

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => Registrar.OnEventAsync(Events.Parse("create", connect.BaseUrl), Within(10)));

        Assert.Equal("Kafka Connect rejected the configuration of fullfillment-json: database.hostname: Unable to connect: Communications link failure", exception.Message);
        Assert.Empty(connect.Connectors);
    }

    [Fact]
    public async Task Is_complete_only_when_the_connector_and_its_tasks_run()
    {
        connect.PollsUntilRunning = 3;
        await Registrar.OnEventAsync(Events.Parse("create", connect.BaseUrl), Within(10));
        var request = Events.Parse("is-complete", connect.BaseUrl);

        var answers = new List<bool>();
        for (var poll = 0; poll < 3; poll++)
        {
            answers.Add((await Registrar.IsCompleteAsync(request, TimeSpan.FromSeconds(2), Within(10))).IsComplete);
        }

        Assert.Equal([false, false, true], answers);
    }

    [Fact]
    public async Task A_failed_task_is_restarted_once_and_completes_when_it_recovers()
    {
        connect.FailingStarts["fullfillment-json"] = 1;
        await Registrar.OnEventAsync(Events.Parse("create", connect.BaseUrl), Within(10));

        var response = await Registrar.IsCompleteAsync(Events.Parse("is-complete", connect.BaseUrl), TimeSpan.FromSeconds(2), Within(10));

        Assert.True(response.IsComplete);
        Assert.Equal(1, connect.Connectors["fullfillment-json"].Restarts);
        Assert.Contains("POST /connectors/fullfillment-json/restart?includeTasks=true&onlyFailed=true", connect.Requests);
    }

    [Fact]
    public async Task A_task_that_fails_again_after_the_restart_fails_the_deployment_with_its_trace()
    {
        connect.FailingStarts["fullfillment-json"] = int.MaxValue;
        await Registrar.OnEventAsync(Events.Parse("create", connect.BaseUrl), Within(10));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => Registrar.IsCompleteAsync(Events.Parse("is-complete", connect.BaseUrl), TimeSpan.FromSeconds(2), Within(10)));

        Assert.StartsWith("connector fullfillment-json task 0 is FAILED after a restart: org.apache.kafka.connect.errors.ConnectException: Access denied for user 'cdc_connector'", exception.Message, StringComparison.Ordinal);
        Assert.Equal(StatusEvaluation.TraceLines, exception.Message.Split(" | ").Length);
        Assert.Equal(1, connect.Connectors["fullfillment-json"].Restarts);
    }

    [Theory]
    [InlineData("conflicts")]
    [InlineData("server errors")]
    [InlineData("dropped connections")]
    public async Task Transient_faults_are_retried_until_connect_answers(string fault)
    {
        switch (fault)
        {
            case "conflicts": connect.SendConflicts(4); break;
            case "server errors": connect.SendServerErrors(3); break;
            default: connect.DropConnections(2); break;
        }

        var response = await Registrar.OnEventAsync(Events.Parse("create", connect.BaseUrl), Within(15));

        Assert.Equal("connector:fullfillment-json", response.PhysicalResourceId);
        Assert.True(connect.Connectors.ContainsKey("fullfillment-json"));
    }

    [Fact]
    public async Task A_config_connect_refuses_fails_at_once_without_retrying()
    {
        connect.RejectRegistrationsWith = "Connector configuration is invalid and contains the following 1 error(s)";
        var stopwatch = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<ConnectApiException>(() => Registrar.OnEventAsync(Events.Parse("create", connect.BaseUrl), Within(30)));

        Assert.Equal("register failed with 400 BadRequest: Connector configuration is invalid and contains the following 1 error(s)", exception.Message);
        Assert.Single(connect.Requests, request => request == "PUT /connectors/fullfillment-json/config");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_unreachable_connect_fails_when_the_time_budget_ends_not_later()
    {
        var unreachable = new Uri("http://127.0.0.1:1/");
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Registrar.OnEventAsync(Events.Parse("create", unreachable), Within(1.5)));

        Assert.InRange(stopwatch.Elapsed.TotalSeconds, 1.0, 5.0);
    }

    [Fact]
    public async Task In_strimzi_mode_nothing_is_registered_and_completion_is_only_verified()
    {
        var json = Events.Read("create", connect.BaseUrl).Replace("\"ManagementMode\": \"rest\"", "\"ManagementMode\": \"strimzi\"", StringComparison.Ordinal);
        var request = CustomResourceEventParser.Parse(json);

        await Registrar.OnEventAsync(request, Within(10));
        var answer = await Registrar.IsCompleteAsync(request, TimeSpan.FromSeconds(1), Within(10));

        Assert.DoesNotContain(connect.Requests, entry => entry.StartsWith("PUT", StringComparison.Ordinal) || entry.StartsWith("DELETE", StringComparison.Ordinal));
        Assert.Contains("GET /connectors/fullfillment-json/status", connect.Requests);
        Assert.False(answer.IsComplete);
    }

    [Fact]
    public async Task Logs_are_json_lines_without_secret_values()
    {
        await Registrar.OnEventAsync(Events.Parse("create", connect.BaseUrl), Within(10));
        var lines = logOutput.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Equal("INFO", (string?)System.Text.Json.Nodes.JsonNode.Parse(line)!["level"]));
        Assert.Contains(lines, line => line.Contains("${dir:/mnt/connector-secrets:password}", StringComparison.Ordinal));
    }
}
