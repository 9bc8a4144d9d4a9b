using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Constructs.Lakehouse;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

/// <summary>
/// A sink whose commits stall must be seen although it stays RUNNING (apache/iceberg#15878). Upstream facts:
/// - an Iceberg commit through the Glue catalog is a Glue UpdateTable (apache/iceberg aws/src/main/java/org/apache/iceberg/aws/glue/GlueTableOperations.java, persistGlueTable);
/// - Glue emits "Glue Data Catalog Table State Change" with typeOfChange = the API name for UpdateTable, with
///   detail.databaseName and detail.tableName, source aws.glue (AWS Glue developer guide, "Automating AWS Glue with EventBridge");
/// - EventBridge writes to a CloudWatch Logs target under the log group's resource policy and a target must not name a
///   role (EventBridge user guide, "Using resource-based policies for Amazon EventBridge");
/// - AWS/Events TriggeredRules has the RuleName dimension (EventBridge user guide, "Monitoring Amazon EventBridge");
/// - Kafka Connect's sink tasks publish sink-record-read-rate in sink-task-metrics (apache/kafka ConnectMetricsRegistry).
/// </summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class LakehouseCommitMonitoringTests(SynthesizedPlatform platform)
{
    private static readonly string[] Sinks = ["fullfillment-json-iceberg", "fullfillment-avro-iceberg"];

    private Template Lakehouse => platform.TemplateOf(platform.Environment("prod").Lakehouse!);

    private Template Operations => platform.TemplateOf(platform.Environment("prod").Operations);

    /// <summary>The event-pattern rules (the refresh's schedule is the other rule of the stack).</summary>
    private IReadOnlyList<JsonObject> Rules => [.. Lakehouse.PropertiesOfType("AWS::Events::Rule").Where(rule => rule["EventPattern"] is not null)];

    [Fact]
    public void Each_sink_has_one_rule_matching_glue_update_table_of_its_changelog_tables_only()
    {
        var landed = platform.Environment("prod").Lakehouse!.Landed;
        Assert.Equal(Sinks.Length, Rules.Count);
        foreach (var sink in Sinks)
        {
            var rule = Assert.Single(Rules, rule => ((string?)rule["Description"])!.Contains(sink, StringComparison.Ordinal));
            var pattern = rule["EventPattern"]!;
            Assert.Equal("aws.glue", (string?)pattern["source"]![0]);
            Assert.Equal("Glue Data Catalog Table State Change", (string?)pattern["detail-type"]![0]);
            Assert.Equal("UpdateTable", (string?)Assert.Single(pattern["detail"]!["typeOfChange"]!.AsArray()));
            Assert.Equal("kcc_prod_lakehouse", (string?)Assert.Single(pattern["detail"]!["databaseName"]!.AsArray()));

            // The refresh's MERGE commits the current-state tables: counting those would hide a stalled sink.
            var expected = landed.Where(table => IcebergSinkConnectorConfig.Name(table.Connector) == sink).Select(table => table.ChangelogName).Order().ToList();
            Assert.NotEmpty(expected);
            Assert.All(expected, name => Assert.EndsWith("_changelog", name, StringComparison.Ordinal));
            Assert.Equal(expected, pattern["detail"]!["tableName"]!.AsArray().Select(name => (string)name!).Order().ToList());
        }
    }

    [Fact]
    public void Rules_deliver_to_the_encrypted_commit_log_without_a_role_under_its_resource_policy()
    {
        var logId = Assert.Single(Lakehouse.FindResources("AWS::Logs::LogGroup", new Dictionary<string, object>
        {
            ["Properties"] = Match.ObjectLike(new Dictionary<string, object> { ["LogGroupName"] = "/aws/events/kcc-prod-lakehouse-commits" }),
        })).Key;
        var log = Lakehouse.ResourcesOfType("AWS::Logs::LogGroup").Single(group => (string?)group["Properties"]!["LogGroupName"] == "/aws/events/kcc-prod-lakehouse-commits");
        Assert.NotNull(log["Properties"]!["KmsKeyId"]);
        Assert.Equal(365, (int?)log["Properties"]!["RetentionInDays"]);

        Assert.All(Rules, rule =>
        {
            var target = Assert.Single(rule["Targets"]!.AsArray())!;
            Assert.Null(target["RoleArn"]);
            Assert.Contains(logId, target["Arn"]!.ToJsonString(), StringComparison.Ordinal);
            // GetAtt Arn of a log group ends in ":*"; a target names the group itself (aws-cdk-lib's CloudWatchLogGroup target).
            Assert.DoesNotContain("Fn::GetAtt", target["Arn"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain(":*", target["Arn"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains(":log-group:", target["Arn"]!.ToJsonString(), StringComparison.Ordinal);
        });

        var policy = Assert.Single(Lakehouse.PropertiesOfType("AWS::Logs::ResourcePolicy"));
        var document = JsonNode.Parse(policy["PolicyDocument"]!.ToJsonString())!.ToJsonString();
        Assert.Contains("events.amazonaws.com", document, StringComparison.Ordinal);
        Assert.Contains("logs:PutLogEvents", document, StringComparison.Ordinal);
        Assert.Contains("logs:CreateLogStream", document, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stalled_sink_alarms_after_three_commit_periods_with_records_read_and_no_commit()
    {
        var alarms = Operations.PropertiesOfType("AWS::CloudWatch::Alarm")
            .Where(alarm => ((string?)alarm["AlarmDescription"])!.Contains("committed none of its tables", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(Sinks.Length, alarms.Count);
        foreach (var sink in Sinks)
        {
            var alarm = Assert.Single(alarms, alarm => ((string?)alarm["AlarmDescription"])!.Contains($"sink {sink} ", StringComparison.Ordinal));
            Assert.Equal(3, (int?)alarm["EvaluationPeriods"]);
            Assert.Equal(3, (int?)alarm["DatapointsToAlarm"]);
            Assert.Equal("notBreaching", (string?)alarm["TreatMissingData"]);
            var queries = alarm["Metrics"]!.AsArray();
            var expression = Assert.Single(queries, query => query!["Expression"] is not null)!;
            Assert.Equal("IF(read > 0 AND FILL(commits, 0) == 0, 1, 0)", (string?)expression["Expression"]);

            var commits = queries.Single(query => (string?)query!["Id"] == "commits")!["MetricStat"]!;
            Assert.Equal("AWS/Events", (string?)commits["Metric"]!["Namespace"]);
            Assert.Equal("TriggeredRules", (string?)commits["Metric"]!["MetricName"]);
            Assert.Equal("RuleName", (string?)commits["Metric"]!["Dimensions"]![0]!["Name"]);
            Assert.Equal("Sum", (string?)commits["Stat"]);
            // cdk.json: commitIntervalSeconds 300, plus the 30 s commit timeout, rounded up to whole minutes.
            Assert.Equal(360, (int?)commits["Period"]);

            var read = queries.Single(query => (string?)query!["Id"] == "read")!["MetricStat"]!;
            Assert.Equal("kafka_connect_sink_task_sink_record_read_rate", (string?)read["Metric"]!["MetricName"]);
            Assert.Contains(read["Metric"]!["Dimensions"]!.AsArray(), dimension => (string?)dimension!["Name"] == "connector" && (string?)dimension["Value"] == sink);
        }
    }

    /// <summary>The healer expects the sinks by name and publishes their task counts like the sources' (lambda/ConnectorHealer).</summary>
    [Fact]
    public void A_sink_without_a_running_task_alarms_like_a_source_connector()
    {
        foreach (var sink in Sinks)
        {
            var alarm = Operations.PropertiesOfType("AWS::CloudWatch::Alarm")
                .Single(alarm => ((string?)alarm["AlarmDescription"])!.Contains($"connector {sink} has had no running task for 10 minutes", StringComparison.Ordinal));
            Assert.Equal(KafkaConnectCdk.Constructs.Operations.PlatformMetrics.Healer.RunningTasks, (string?)alarm["MetricName"]);
            Assert.Equal(KafkaConnectCdk.Constructs.Operations.PlatformMetrics.HealerNamespace, (string?)alarm["Namespace"]);
            Assert.Contains(alarm["Dimensions"]!.AsArray(), dimension => (string?)dimension!["Value"] == sink);
            Assert.Equal("breaching", (string?)alarm["TreatMissingData"]);
            Assert.Contains(sink, platform.Environment("prod").Connect.Connectors.Sinks.Select(connector => connector.Name));
        }
    }

    /// <summary>IcebergSinkConfig.java@apache-iceberg-1.11.0: commit.interval-ms and commit.timeout-ms (30000).</summary>
    [Theory]
    [InlineData(60, 2)]
    [InlineData(300, 6)]
    [InlineData(330, 6)]
    [InlineData(331, 7)]
    public void The_commit_period_covers_the_interval_and_the_commit_timeout_in_whole_minutes(int intervalSeconds, int minutes) =>
        Assert.Equal(minutes * 60, LakehouseMonitoring.CommitPeriod(intervalSeconds).ToSeconds());

    [Fact]
    public void The_scraper_selects_the_sink_read_rate_under_the_name_the_exporter_rules_give_it()
    {
        // ConnectMetricsRegistry (apache/kafka connect/runtime): sink-record-read-rate in group sink-task-metrics, tagged
        // connector and task; JMX name kafka.connect:type=sink-task-metrics,connector=<c>,task=<t>.
        var name = ExporterName("kafka.connect<type=sink-task-metrics, connector=fullfillment-json-iceberg, task=0><>sink-record-read-rate: 2.5");

        Assert.Equal(ConnectMetricsScrape.SinkRecordsReadMetric, name);
        var config = System.Text.Json.JsonSerializer.Serialize(ConnectMetricsScrape.AgentConfig(new ConnectMetricsScrapeSettings("kcc-prod", "eu-west-1", "/logs")));
        Assert.Contains($"^{ConnectMetricsScrape.SinkRecordsReadMetric}$", config, StringComparison.Ordinal);
    }

    /// <summary>
    /// The name the JMX exporter gives a sample, by the rules of kafka-connect-metrics.yml as prometheus/jmx_exporter
    /// applies them: the first rule whose pattern matches the "domain&lt;properties&gt;&lt;keys&gt;attribute: value" string,
    /// its name with the groups substituted, lower-cased (lowercaseOutputName) and every character outside
    /// [a-zA-Z0-9:_] replaced by '_'.
    /// </summary>
    private static string ExporterName(string sample)
    {
        var lines = MetricsRules.KafkaConnect.Split('\n');
        Assert.Contains("lowercaseOutputName: true", lines.Select(line => line.Trim()));
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (!line.StartsWith("- pattern:", StringComparison.Ordinal))
            {
                continue;
            }

            var pattern = line["- pattern:".Length..].Trim().Trim('\'', '"');
            var match = System.Text.RegularExpressions.Regex.Match(sample, $"^.*(?:{pattern}).*$");
            if (!match.Success)
            {
                continue;
            }

            var template = lines.Skip(index + 1).Select(next => next.Trim()).First(next => next.StartsWith("name:", StringComparison.Ordinal))["name:".Length..].Trim();
            var named = System.Text.RegularExpressions.Regex.Replace(template, @"\$(\d+)", group => match.Groups[int.Parse(group.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)].Value);
            return System.Text.RegularExpressions.Regex.Replace(named.ToLowerInvariant(), "[^a-zA-Z0-9:_]", "_");
        }

        throw new InvalidOperationException($"no exporter rule matches {sample}");
    }
}
