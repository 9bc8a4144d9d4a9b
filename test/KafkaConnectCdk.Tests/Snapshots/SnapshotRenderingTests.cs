using System.Text.Json.Nodes;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Snapshots;

/// <summary>How snapshots write embedded JSON: readable, and still failing on any change.</summary>
[Trait("Category", "Unit")]
public sealed class SnapshotRenderingTests
{
    private const string ServiceManifest = """[{"apiVersion":"v1","kind":"Service","metadata":{"name":"rest","namespace":"kafka-connect"},"spec":{"type":"LoadBalancer","ports":[{"port":8083}]}}]""";

    private static JsonNode TemplateWithManifest(JsonNode manifest) => new JsonObject
    {
        ["Resources"] = new JsonObject
        {
            ["Manifest1"] = new JsonObject
            {
                ["Type"] = "Custom::AWSCDK-EKS-KubernetesResource",
                ["Properties"] = new JsonObject { ["Manifest"] = manifest, ["Overwrite"] = true },
            },
        },
    };

    /// <summary>Stack.toJsonString's form for a document with deploy-time values (aws-cdk-lib core/lib/private/cloudformation-lang.ts fnJoinConcat).</summary>
    private static JsonNode Joined(params JsonNode[] parts) => new JsonObject { ["Fn::Join"] = new JsonArray("", new JsonArray(parts)) };

    private static string[] Lines(string text) => text.Split('\n');

    [Fact]
    public void A_manifest_string_is_written_one_key_per_line()
    {
        var lines = Lines(Snapshot.Render(TemplateWithManifest(ServiceManifest)));

        Assert.Contains(lines, line => line.Trim() == "\"(embedded JSON)\": [");
        Assert.Contains(lines, line => line.Trim() == "\"kind\": \"Service\",");
        Assert.Contains(lines, line => line.Trim() == "\"port\": 8083");
    }

    [Fact]
    public void A_changed_key_of_an_embedded_manifest_is_a_one_line_difference_at_that_line()
    {
        var expected = Snapshot.Render(TemplateWithManifest(ServiceManifest));
        var actual = Snapshot.Render(TemplateWithManifest(ServiceManifest.Replace("\"type\":\"LoadBalancer\"", "\"type\":\"ClusterIP\"", StringComparison.Ordinal)));

        var differing = Lines(expected).Zip(Lines(actual)).Where(pair => pair.First != pair.Second).ToList();

        Assert.Equal(Lines(expected).Length, Lines(actual).Length);
        var (before, after) = Assert.Single(differing);
        Assert.Equal("\"type\": \"LoadBalancer\",", before.Trim());
        Assert.Equal("\"type\": \"ClusterIP\",", after.Trim());
        Assert.Contains("expected `\"type\": \"LoadBalancer\",`, got `\"type\": \"ClusterIP\",`", Snapshot.FirstDifference(expected, actual), StringComparison.Ordinal);
    }

    [Fact]
    public void A_joined_manifest_shows_each_intrinsic_as_a_placeholder_in_its_place()
    {
        var template = TemplateWithManifest(Joined(
            """[{"apiVersion":"v1","kind":"ConfigMap","data":{"group":" """.TrimEnd(),
            new JsonObject { ["Fn::GetAtt"] = new JsonArray("RestEndpoint", "GroupId") },
            "\",\"log\":\"",
            new JsonObject { ["Ref"] = "Logs" },
            "\"}}]"));

        var lines = Lines(Snapshot.Render(template)).Select(line => line.Trim()).ToList();

        Assert.Contains("\"(embedded JSON, Fn::Join)\": [", lines);
        Assert.Contains("\"group\": \"${Fn::GetAtt: [RestEndpoint, GroupId]}\",", lines);
        Assert.Contains("\"log\": \"${Ref: Logs}\"", lines);
    }

    [Fact]
    public void A_changed_intrinsic_inside_a_joined_manifest_fails_the_comparison()
    {
        JsonNode Template(string logicalId) => TemplateWithManifest(Joined("""[{"data":{"log":" """.TrimEnd(), new JsonObject { ["Ref"] = logicalId }, "\"}}]"));

        var difference = Snapshot.FirstDifference(Snapshot.Render(Template("Logs")), Snapshot.Render(Template("OtherLogs")));

        Assert.Contains("${Ref: OtherLogs}", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_string_inside_a_manifest_is_expanded_too_even_with_an_intrinsic_in_it()
    {
        // The CloudWatch agent's config is a JSON string inside its manifest: the log group sits two levels deep.
        var template = TemplateWithManifest(Joined(
            "[{\"spec\":{\"config\":\"{\\\"logs\\\":{\\\"log_group_name\\\":\\\"",
            new JsonObject { ["Ref"] = "Logs" },
            """\"}}"}}]"""));

        var lines = Lines(Snapshot.Render(template)).Select(line => line.Trim()).ToList();

        Assert.Contains("\"log_group_name\": \"${Ref: Logs}\"", lines);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("3")]
    [InlineData("\"text\"")]
    [InlineData("{not json")]
    [InlineData("arn:aws:s3:::bucket")]
    public void A_string_that_is_no_json_object_or_array_stays_a_string(string value) =>
        Assert.Null(EmbeddedJson.Parse(JsonValue.Create(value)));

    [Fact]
    public void A_join_that_is_no_json_document_stays_as_it_is()
    {
        var arn = new JsonObject { ["Fn::Join"] = new JsonArray("", new JsonArray("arn:", new JsonObject { ["Ref"] = "AWS::Partition" }, ":s3:::bucket")) };
        var colonJoin = new JsonObject { ["Fn::Join"] = new JsonArray(":", new JsonArray("[1", "2]")) };

        Assert.Null(EmbeddedJson.Parse(arn));
        Assert.Null(EmbeddedJson.Parse(colonJoin));
        Assert.Equal(arn.ToJsonString(), EmbeddedJson.Expand(arn)!.ToJsonString());
    }
}
