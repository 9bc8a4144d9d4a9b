using System.Text.Json.Nodes;
using SchemaGate.Cli;

namespace SchemaGate.Tests;

[Trait("Category", "Unit")]
public sealed class CliTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Program.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_compatible_change_exits_0()
    {
        var (exit, output, _) = Run("--table", Gate.Fixture("person.sql"), "--change", Gate.Fixture("add-nullable-address.sql"));

        Assert.Equal(0, exit);
        Assert.StartsWith("test_db.person: COMPATIBLE under BACKWARD", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_incompatible_change_exits_1_with_the_reason()
    {
        var (exit, output, _) = Run("--table", Gate.Fixture("person.sql"), "--change", Gate.Fixture("add-required-address.sql"), "--mode", "BACKWARD");

        Assert.Equal(1, exit);
        Assert.Contains("INCOMPATIBLE under BACKWARD: new field 'address' is required and has no default", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_carries_every_verdict_and_both_schemas()
    {
        var (exit, output, _) = Run("--table", Gate.Fixture("person.sql"), "--change", Gate.Fixture("drop-email.sql"), "--mode", "FULL", "--format", "json");
        var json = JsonNode.Parse(output)!;

        Assert.Equal(1, exit);
        Assert.False((bool?)json["compatible"]);
        Assert.Equal(8, json["verdicts"]!.AsArray().Count);
        Assert.Equal("fullfillment.test_db.person.Value", $"{json["newSchema"]!["namespace"]}.{json["newSchema"]!["name"]}");
    }

    [Theory]
    [InlineData("--mode", "SIDEWAYS")]
    [InlineData("--format", "xml")]
    [InlineData("--bogus", "x")]
    public void Bad_arguments_exit_2_with_the_usage(string option, string value)
    {
        var (exit, _, error) = Run("--table", Gate.Fixture("person.sql"), "--change", Gate.Fixture("drop-email.sql"), option, value);

        Assert.Equal(2, exit);
        Assert.Contains("usage: schema-gate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_sql_exits_2_and_says_what()
    {
        var alter = Path.GetTempFileName();
        File.WriteAllText(alter, "ALTER TABLE person PARTITION BY HASH(id)");

        var (exit, _, error) = Run("--table", Gate.Fixture("person.sql"), "--change", alter);

        Assert.Equal(2, exit);
        Assert.Contains("ALTER TABLE PARTITION is not supported", error, StringComparison.Ordinal);
    }
}
