using System.Text.Json.Nodes;
using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Tests.Configuration;

[Trait("Category", "Unit")]
public sealed class LakehouseConfigurationTests
{
    private const string ValidPlatform = """
        {
          "project": "kcc",
          "environments": [
            { "name": "dev", "account": "111111111111", "region": "eu-west-1",
              "kubernetes": { "adminPrincipalArn": "arn:aws:iam::111111111111:role/PlatformAdmin" },
              "connect": { "connectors": [
                { "name": "people-json", "topicPrefix": "people", "databases": ["test_db"], "tables": ["test_db.person"] } ] },
              "lakehouse": { "enabled": true, "connectors": ["people-json"] } }
          ]
        }
        """;

    private static string ErrorWhen(Action<JsonNode> change)
    {
        var platform = JsonNode.Parse(ValidPlatform)!;
        change(platform["environments"]![0]!["lakehouse"]!);
        return Assert.Throws<ConfigurationException>(() => PlatformConfigLoader.FromJson(platform.ToJsonString())).Message;
    }

    [Fact]
    public void The_valid_section_loads_with_its_defaults()
    {
        var lakehouse = PlatformConfigLoader.FromJson(ValidPlatform).Platform.Environments[0].Lakehouse;

        Assert.Equal((true, 300, "rate(15 minutes)", 7), (lakehouse.Enabled, lakehouse.CommitIntervalSeconds, lakehouse.RefreshSchedule, lakehouse.SnapshotRetentionDays));
    }

    [Fact]
    public void The_shipped_configuration_lands_every_environment()
    {
        var configuration = PlatformConfigLoader.FromJson(TestKit.CdkContext.PlatformJson());

        Assert.All(configuration.Platform.Environments, environment => Assert.True(environment.Lakehouse.Enabled));
    }

    [Fact]
    public void The_lakehouse_is_off_when_the_section_is_missing() =>
        Assert.False(PlatformConfigLoader.FromJson(ValidPlatform.Replace("\"enabled\": true", "\"enabled\": false", StringComparison.Ordinal)).Platform.Environments[0].Lakehouse.Enabled);

    [Fact]
    public void Fails_when_a_landed_connector_does_not_exist() =>
        Assert.Contains(
            "platform.environments[0](dev).lakehouse.connectors: 'people-avro' is not a connector of this environment. Fix: name connectors from connect.connectors (people-json)",
            ErrorWhen(lakehouse => lakehouse["connectors"] = new JsonArray("people-avro")));

    [Fact]
    public void Fails_when_no_connector_lands() =>
        Assert.Contains(
            "platform.environments[0](dev).lakehouse.connectors: no connector's tables land. Fix: name at least one connector, or set lakehouse.enabled to false.",
            ErrorWhen(lakehouse => lakehouse["connectors"] = new JsonArray()));

    [Fact]
    public void Fails_when_the_commit_interval_is_too_short() =>
        Assert.Contains(
            "platform.environments[0](dev).lakehouse.commitIntervalSeconds: 10 is outside 60 to 3600.",
            ErrorWhen(lakehouse => lakehouse["commitIntervalSeconds"] = 10));

    [Fact]
    public void Fails_when_the_refresh_schedule_is_not_an_eventbridge_expression() =>
        Assert.Contains(
            "platform.environments[0](dev).lakehouse.refreshSchedule: 'every 5 minutes' is not an EventBridge schedule expression. Fix: use rate(15 minutes)",
            ErrorWhen(lakehouse => lakehouse["refreshSchedule"] = "every 5 minutes"));

    [Fact]
    public void Fails_when_the_refresh_runs_more_often_than_the_sink_commits() =>
        Assert.Contains(
            "platform.environments[0](dev).lakehouse.refreshSchedule: 'rate(1 minute)' refreshes more often than the sink commits (every 300 s).",
            ErrorWhen(lakehouse => lakehouse["refreshSchedule"] = "rate(1 minute)"));

    [Fact]
    public void A_cron_refresh_schedule_is_accepted()
    {
        var platform = JsonNode.Parse(ValidPlatform)!;
        platform["environments"]![0]!["lakehouse"]!["refreshSchedule"] = "cron(0/30 * * * ? *)";

        Assert.Equal("cron(0/30 * * * ? *)", PlatformConfigLoader.FromJson(platform.ToJsonString()).Platform.Environments[0].Lakehouse.RefreshSchedule);
    }

    [Theory]
    [InlineData("snapshotRetentionDays", 0, "0 is outside 1 to 3650")]
    [InlineData("snapshotsToRetain", 0, "0 is outside 1 to 1000")]
    [InlineData("orphanFileRetentionDays", 0, "0 is outside 1 to 3650")]
    [InlineData("queryResultRetentionDays", 0, "0 is outside 1 to 3650")]
    public void Fails_when_a_retention_or_threshold_is_out_of_range(string key, int value, string problem) =>
        Assert.Contains($"platform.environments[0](dev).lakehouse.{key}: {problem}.", ErrorWhen(lakehouse => lakehouse[key] = value));

    [Fact]
    public void Fails_when_the_log_retention_is_not_a_cloudwatch_logs_retention() =>
        Assert.Contains("platform.environments[0](dev).lakehouse.logRetentionDays: 100 is not a CloudWatch Logs retention", ErrorWhen(lakehouse => lakehouse["logRetentionDays"] = 100));

    /// <summary>Control Tower's CT.CLOUDWATCH.PR.2 (log groups kept at least a year) holds for the refresh and commit logs too.</summary>
    [Fact]
    public void A_production_lakehouse_keeps_its_logs_a_year()
    {
        var platform = JsonNode.Parse(ValidPlatform)!;
        var environment = platform["environments"]![0]!;
        environment["production"] = true;
        foreach (var (section, key) in new[] { ("network", "flowLogRetentionDays"), ("msk", "brokerLogRetentionDays"), ("database", "logRetentionDays"), ("kubernetes", "controlPlaneLogRetentionDays") })
        {
            environment[section] ??= new JsonObject();
            environment[section]![key] = 365;
        }

        var error = Assert.Throws<ConfigurationException>(() => PlatformConfigLoader.FromJson(platform.ToJsonString())).Message;
        Assert.Contains("platform.environments[0](dev).lakehouse.logRetentionDays: 90 days is below the 365 days", error, StringComparison.Ordinal);

        environment["lakehouse"]!["logRetentionDays"] = 365;
        Assert.Equal(365, PlatformConfigLoader.FromJson(platform.ToJsonString()).Platform.Environments[0].Lakehouse.LogRetentionDays);
    }

    [Fact]
    public void Fails_on_an_unknown_key_with_its_path() =>
        Assert.Contains("platform.environments[0].lakehouse.retentionDays: unknown key 'retentionDays'", ErrorWhen(lakehouse => lakehouse["retentionDays"] = 3));
}
