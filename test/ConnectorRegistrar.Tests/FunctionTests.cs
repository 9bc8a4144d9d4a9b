using ConnectRest;
using CustomResources;
using KafkaConnect.Fake;
using System.Text;
using System.Text.Json.Nodes;

namespace ConnectorRegistrar.Tests;

/// <summary>End to end through the Lambda's Stream entry points, as the managed runtime calls them.</summary>
[Trait("Category", "Unit")]
public sealed class FunctionTests : IDisposable
{
    private readonly FakeKafkaConnect connect = new();

    private Function Function => new(url => new ConnectClient(new HttpClient { BaseAddress = url }, TimeSpan.FromMilliseconds(20)), new StructuredLog(TextWriter.Null), TimeSpan.FromSeconds(10));

    private static Stream Input(string json) => new MemoryStream(Encoding.UTF8.GetBytes(json));

    private static JsonNode Output(Stream output) => JsonNode.Parse(new StreamReader(output).ReadToEnd())!;

    public void Dispose() => connect.Dispose();

    [Fact]
    public void Create_then_is_complete_answer_in_the_provider_framework_shape()
    {
        var created = Output(Function.OnEvent(Input(Events.Read("create", connect.BaseUrl))));
        var completed = Output(Function.IsComplete(Input(Events.Read("is-complete", connect.BaseUrl))));

        Assert.Equal("connector:fullfillment-json", (string?)created["PhysicalResourceId"]);
        Assert.Equal("3f2a9c", (string?)created["Data"]!["ConfigHash"]);
        Assert.True((bool?)completed["IsComplete"]);
        Assert.Equal("RUNNING", (string?)completed["Data"]!["State"]);
    }

    [Fact]
    public void Delete_answers_with_the_physical_id_it_was_given()
    {
        var deleted = Output(Function.OnEvent(Input(Events.Read("delete", connect.BaseUrl))));

        Assert.Equal("connector:fullfillment-json", (string?)deleted["PhysicalResourceId"]);
    }

    [Fact]
    public void A_bad_event_fails_with_the_field_named() =>
        Assert.Contains("ResourceProperties", Assert.Throws<InvalidEventException>(() => Function.OnEvent(Input("{\"RequestType\":\"Create\",\"LogicalResourceId\":\"X\"}"))).Message, StringComparison.Ordinal);

    [Fact]
    public void An_unreachable_connect_fails_with_a_clear_reason_within_the_budget()
    {
        var function = new Function(url => new ConnectClient(new HttpClient { BaseAddress = url }, TimeSpan.FromMilliseconds(20)), new StructuredLog(TextWriter.Null), TimeSpan.FromSeconds(1));

        var exception = Assert.Throws<TimeoutException>(() => function.OnEvent(Input(Events.Read("create", new Uri("http://127.0.0.1:1/")))));

        Assert.StartsWith("Kafka Connect did not answer within the invocation's 1 s", exception.Message, StringComparison.Ordinal);
    }
}
