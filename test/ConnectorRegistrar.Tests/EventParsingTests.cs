using CustomResources;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConnectorRegistrar.Tests;

[Trait("Category", "Unit")]
public sealed class EventParsingTests
{
    private static readonly Uri Url = new("http://connect.example:8083/");

    private static string Change(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(Events.Read("create", Url))!;
        change(node);
        return node.ToJsonString();
    }

    private static string Rejection(string json) => Assert.Throws<InvalidEventException>(() => CustomResourceEventParser.Parse(json)).Message;

    [Fact]
    public void A_real_create_event_parses()
    {
        var parsed = CustomResourceEventParser.Parse(Events.Read("create", Url));

        Assert.Equal("Create", parsed.RequestType);
        Assert.Equal("fullfillment-json", parsed.Connector.Name);
        Assert.Equal("3306", parsed.Connector.Config["database.port"]);
    }

    [Fact]
    public void An_update_carries_the_old_properties() =>
        Assert.Equal("11aa22", CustomResourceEventParser.Parse(Events.Read("update", Url)).OldConnector!.ConfigHash);

    [Fact]
    public void Fails_on_malformed_json() => Assert.StartsWith("Invalid custom resource event: event: not JSON", Rejection("{\"RequestType\": "), StringComparison.Ordinal);

    [Fact]
    public void Fails_naming_a_missing_property() =>
        Assert.Equal("Invalid custom resource event: ResourceProperties.ConnectorName: missing or empty", Rejection(Change(node => node["ResourceProperties"]!.AsObject().Remove("ConnectorName"))));

    [Fact]
    public void Fails_naming_a_non_string_property() =>
        Assert.Equal("Invalid custom resource event: ResourceProperties.ConfigHash: is a number, not a string", Rejection(Change(node => node["ResourceProperties"]!["ConfigHash"] = 42)));

    [Fact]
    public void Fails_naming_a_non_string_config_value() =>
        Assert.Equal("Invalid custom resource event: ResourceProperties.Config.tasks.max: is not a string", Rejection(Change(node => node["ResourceProperties"]!["Config"] = "{\"tasks.max\": 1}")));

    [Fact]
    public void Fails_naming_a_literal_secret_in_the_config() =>
        Assert.StartsWith("Invalid custom resource event: ResourceProperties.Config.database.password: holds a literal secret", Rejection(Change(node => node["ResourceProperties"]!["Config"] = "{\"database.password\": \"hunter2\"}")), StringComparison.Ordinal);

    [Fact]
    public void Fails_on_an_unknown_request_type() =>
        Assert.Equal("Invalid custom resource event: RequestType: 'Replace' is not Create, Update or Delete", Rejection(Change(node => node["RequestType"] = "Replace")));

    [Property(MaxTest = 300)]
    public Property No_input_crashes_the_parser_and_every_rejection_has_a_reason(string? text) =>
        Prop.ToProperty(RejectsCleanly(text ?? ""));

    [Property(MaxTest = 300)]
    public Property No_mutation_of_a_real_event_crashes_the_parser(NonNegativeInt position, char replacement)
    {
        var json = Events.Read("create", Url);
        var index = position.Get % json.Length;
        return Prop.ToProperty(RejectsCleanly(json[..index] + replacement + json[(index + 1)..]));
    }

    private static bool RejectsCleanly(string text)
    {
        try
        {
            CustomResourceEventParser.Parse(text);
            return true;
        }
        catch (InvalidEventException exception)
        {
            return exception.Message.Length > "Invalid custom resource event: ".Length && exception.Field.Length > 0;
        }
    }
}
