using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using KafkaConnectCdk.Configuration;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Stacks;

[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed class OperationsStackTests(SynthesizedPlatform platform)
{
    private Template Prod => platform.TemplateOf(platform.Environment("prod").Operations);

    private IReadOnlyList<JsonObject> Alarms => Prod.PropertiesOfType("AWS::CloudWatch::Alarm");

    private JsonObject AlarmDescribed(string words) =>
        Alarms.Single(alarm => ((string?)alarm["AlarmDescription"])!.Contains(words, StringComparison.Ordinal));

    [Fact]
    public void Alarms_notify_an_encrypted_ssl_only_topic()
    {
        var topic = Assert.Single(Prod.PropertiesOfType("AWS::SNS::Topic"));
        Assert.NotNull(topic["KmsMasterKeyId"]);
        Assert.Contains("aws:SecureTransport", Assert.Single(Prod.PropertiesOfType("AWS::SNS::TopicPolicy"))["PolicyDocument"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.All(Alarms, alarm => Assert.Contains("AlarmTopic", alarm["AlarmActions"]!.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Under_replicated_partitions_on_any_broker_raise_an_alarm()
    {
        var alarm = AlarmDescribed("under-replicated partitions");
        var metrics = alarm["Metrics"]!.AsArray();

        Assert.Equal("SUM([b1,b2,b3])", (string?)metrics.Single(metric => metric!["Expression"] is not null)!["Expression"]);
        Assert.Equal(3, metrics.Count(metric => (string?)metric!["MetricStat"]?["Metric"]?["MetricName"] == "UnderReplicatedPartitions"));
        Assert.Equal(0, (double?)alarm["Threshold"]);
    }

    [Fact]
    public void Msk_disk_over_80_percent_raises_an_alarm()
    {
        var alarm = AlarmDescribed("data disk is over 80 % full");

        Assert.Equal(80, (double?)alarm["Threshold"]);
        Assert.Contains("KafkaDataLogsDiskUsed", alarm["Metrics"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Low_database_storage_raises_an_alarm()
    {
        var alarm = AlarmDescribed("less than 10 GiB free");

        Assert.Equal("FreeStorageSpace", (string?)alarm["MetricName"]);
        Assert.Equal(10d * 1024 * 1024 * 1024, (double?)alarm["Threshold"]);
        Assert.Equal("LessThanThreshold", (string?)alarm["ComparisonOperator"]);
    }

    [Fact]
    public void Fewer_running_connect_workers_than_configured_raise_an_alarm_also_when_none_report()
    {
        var alarm = AlarmDescribed("Kafka Connect workers are running");

        Assert.Equal("service_number_of_running_pods", (string?)alarm["MetricName"]);
        Assert.Equal(3, (double?)alarm["Threshold"]);
        Assert.Equal("breaching", (string?)alarm["TreatMissingData"]);
        Assert.Contains("cdc-connect-api", alarm["Dimensions"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sustained_database_cpu_raises_an_alarm()
    {
        var alarm = AlarmDescribed("the CDC database CPU is over 80 %");

        Assert.Equal("CPUUtilization", (string?)alarm["MetricName"]);
        Assert.Equal(15, (int?)alarm["EvaluationPeriods"]);
    }

    /// <summary>Every alarm of the stack is one the tests above pin; a new alarm must come with its test.</summary>
    [Fact]
    public void Every_alarm_is_accounted_for()
    {
        string[] perEnvironment = ["under-replicated partitions", "data disk is over 80 % full", "less than 10 GiB free", "the CDC database CPU is over 80 %", "Kafka Connect workers are running", "the connector healer failed 3 runs in a row", "the lakehouse current-state refresh failed"];
        string[] perConnector = ["has failed tasks for 3 minutes", "has had no running task for 10 minutes", "restarts this hour", "s behind the binlog for 5 minutes", "has seen no binlog event", "or more behind the binlog, half the retention", "half the binlog retention: get it running"];
        string[] connectors = ["fullfillment-json", "fullfillment-avro"];
        var descriptions = Alarms.Select(alarm => (string)alarm["AlarmDescription"]!).ToList();
        var sinks = connectors.Select(connector => $"{connector}-iceberg").ToList();
        string[] perSink = ["has failed tasks for 3 minutes", "has had no running task for 10 minutes"];
        var sinkStalls = sinks.Select(sink => $"the Iceberg sink {sink} read records for 3 commit intervals and committed none").ToList();

        Assert.Equal(perEnvironment.Length + (perConnector.Length * connectors.Length) + sinkStalls.Count + (perSink.Length * sinks.Count), descriptions.Count);
        Assert.All(sinkStalls, words => Assert.Single(descriptions, description => description.Contains(words, StringComparison.Ordinal)));
        Assert.All(sinks, sink => Assert.All(perSink, words =>
            Assert.Single(descriptions, description => description.Contains($"connector {sink} ", StringComparison.Ordinal) && description.Contains(words, StringComparison.Ordinal))));
        Assert.All(perEnvironment, words => Assert.Single(descriptions, description => description.Contains(words, StringComparison.Ordinal)));
        Assert.All(connectors, connector => Assert.All(perConnector, words =>
            Assert.Single(descriptions, description => description.Contains($"connector {connector} ", StringComparison.Ordinal) && description.Contains(words, StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("fullfillment-json")]
    [InlineData("fullfillment-avro")]
    public void Failed_tasks_the_healer_does_not_fix_within_3_minutes_raise_an_alarm(string connector)
    {
        var alarm = AlarmDescribed($"connector {connector} has failed tasks for 3 minutes");

        Assert.Equal("FailedTasks", (string?)alarm["MetricName"]);
        Assert.Equal("KafkaConnectCdk/Connectors", (string?)alarm["Namespace"]);
        Assert.Equal(3, (int?)alarm["EvaluationPeriods"]);
        Assert.Equal(0, (double?)alarm["Threshold"]);
        Assert.Contains(connector, alarm["Dimensions"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_connector_without_a_running_task_raises_an_alarm_also_when_nothing_reports()
    {
        var alarm = AlarmDescribed("connector fullfillment-json has had no running task for 10 minutes");

        Assert.Equal("RunningTasks", (string?)alarm["MetricName"]);
        Assert.Equal("LessThanThreshold", (string?)alarm["ComparisonOperator"]);
        Assert.Equal("breaching", (string?)alarm["TreatMissingData"]);
    }

    [Fact]
    public void The_healer_hitting_its_hourly_restart_cap_raises_an_alarm_at_once()
    {
        var alarm = AlarmDescribed("connector fullfillment-avro used up its 6 restarts this hour");

        Assert.Equal("RestartCapReached", (string?)alarm["MetricName"]);
        Assert.Equal(1, (int?)alarm["EvaluationPeriods"]);
    }

    [Fact]
    public void Source_lag_over_the_threshold_raises_an_alarm_per_topic_prefix()
    {
        var alarm = AlarmDescribed("connector fullfillment-avro is more than 300 s behind the binlog");

        Assert.Equal("debezium_metrics_millisecondsbehindsource", (string?)alarm["MetricName"]);
        Assert.Equal(300_000, (double?)alarm["Threshold"]);
        Assert.Contains("\"fullfillment_avro\"", alarm["Dimensions"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"kcc-prod\"", alarm["Dimensions"]!.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The canary's threshold from Debezium's behaviour, not from our helper: heartbeats are checked when a binlog event
    /// arrives; an idle server sends one every 0.8 x connect.keep.alive.interval.ms (default 60 000;
    /// BinlogStreamingChangeEventSource / BinlogConnectorConfig, debezium-connector-binlog v3.2.0.Final), so a healthy
    /// connector sees its heartbeat row change at least every heartbeat.interval.ms (10 000) + 48 000 ms.
    /// </summary>
    [Fact]
    public void A_running_connector_that_sees_no_event_for_three_heartbeat_gaps_raises_an_alarm_and_a_snapshotting_or_stopped_one_does_not()
    {
        var alarm = AlarmDescribed("connector fullfillment-json is RUNNING but has seen no binlog event for over 174 s");
        var metrics = alarm["Metrics"]!.AsArray();

        // -1 is Debezium's "no streaming event yet" (debezium-core CommonEventMeter.getMilliSecondsSinceLastEvent), also for
        // the whole initial snapshot, because the streaming metrics are registered before it runs
        // (ChangeEventSourceCoordinator.start, v3.2.0.Final): it must not alarm, or every first deployment would.
        Assert.Equal("IF(running >= 1 AND since > 174000, 1, 0)", (string?)metrics.Single(metric => metric!["Expression"] is not null)!["Expression"]);
        var since = metrics.Single(metric => (string?)metric!["Id"] == "since")!["MetricStat"]!;
        Assert.Equal("debezium_metrics_millisecondssincelastevent", (string?)since["Metric"]!["MetricName"]);
        Assert.Contains("\"fullfillment\"", since["Metric"]!["Dimensions"]!.ToJsonString(), StringComparison.Ordinal);
        var running = metrics.Single(metric => (string?)metric!["Id"] == "running")!["MetricStat"]!;
        Assert.Equal("RunningTasks", (string?)running["Metric"]!["MetricName"]);
        Assert.Equal("Minimum", (string?)running["Stat"]);
        Assert.Equal(3, (int?)alarm["EvaluationPeriods"]);
        Assert.Equal("notBreaching", (string?)alarm["TreatMissingData"]);
        Assert.Contains("The healer does not restart on this", (string?)alarm["AlarmDescription"], StringComparison.Ordinal);
    }

    [Fact]
    public void Lag_of_half_the_binlog_retention_raises_an_alarm_that_says_what_to_do()
    {
        var alarm = AlarmDescribed("connector fullfillment-avro is 36 h or more behind the binlog, half the retention");

        Assert.Equal("debezium_metrics_millisecondsbehindsource", (string?)alarm["MetricName"]);
        Assert.Equal(72 / 2 * 3_600_000d, (double?)alarm["Threshold"]);
        Assert.Equal("GreaterThanOrEqualToThreshold", (string?)alarm["ComparisonOperator"]);
        Assert.Contains("raise database.binlogRetentionHours (up to 168) and deploy", (string?)alarm["AlarmDescription"], StringComparison.Ordinal);
        Assert.Contains("scripts/connector-ops.sh status", (string?)alarm["AlarmDescription"], StringComparison.Ordinal);
    }

    /// <summary>
    /// PutMetricAlarm: period x evaluation periods at most 7 days, and at most one day for periods under an hour
    /// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
    /// </summary>
    [Fact]
    public void Downtime_of_half_the_binlog_retention_raises_an_alarm_also_when_nothing_reports()
    {
        var alarm = AlarmDescribed("connector fullfillment-json has had no running task for 36 h, half the binlog retention");

        Assert.Equal("RunningTasks", (string?)alarm["MetricName"]);
        Assert.Equal("Maximum", (string?)alarm["Statistic"]);
        Assert.Equal(3600, (int?)alarm["Period"]);
        Assert.Equal(36, (int?)alarm["EvaluationPeriods"]);
        Assert.Equal("LessThanThreshold", (string?)alarm["ComparisonOperator"]);
        Assert.Equal(1, (double?)alarm["Threshold"]);
        Assert.Equal("breaching", (string?)alarm["TreatMissingData"]);
    }

    [Theory]
    [InlineData(1, 30, 1)]
    [InlineData(2, 60, 1)]
    [InlineData(73, 60, 36)]
    [InlineData(168, 60, 84)]
    public void The_downtime_window_is_at_most_half_the_retention_and_within_cloudwatchs_limits(int retentionHours, int periodMinutes, int periods)
    {
        var window = KafkaConnectCdk.Constructs.Operations.DataFlowThresholds.NotRunningWindow(retentionHours);

        Assert.Equal((periodMinutes, periods), (window.PeriodMinutes, window.EvaluationPeriods));
        Assert.True(window.TotalMinutes <= retentionHours * 30);
        Assert.True(window.TotalMinutes <= (window.PeriodMinutes >= 60 ? 7 * 24 * 60 : 24 * 60));
    }

    [Fact]
    public void A_longer_keep_alive_widens_the_heartbeat_gap_as_debezium_would()
    {
        var connector = new ConnectorDefinition { Name = "c", HeartbeatIntervalMs = 5000, AdditionalConfig = new Dictionary<string, string> { ["connect.keep.alive.interval.ms"] = "120000" } };

        Assert.Equal(3 * (5000 + 96_000), KafkaConnectCdk.Constructs.Operations.DataFlowThresholds.NoEventsThresholdMs(connector));
    }

    [Fact]
    public void A_failing_healer_raises_an_alarm()
    {
        var alarm = AlarmDescribed("the connector healer failed 3 runs in a row");

        Assert.Equal("Errors", (string?)alarm["MetricName"]);
        Assert.Equal("AWS/Lambda", (string?)alarm["Namespace"]);
    }

    [Theory]
    [InlineData("Connector tasks running")]
    [InlineData("Connector tasks failed")]
    [InlineData("Connector restarts by the healer")]
    [InlineData("Debezium lag behind the binlog (ms)")]
    [InlineData("Debezium time since the last event (ms; heartbeats keep it low)")]
    [InlineData("Records per second (polled from the binlog)")]
    [InlineData("Connect workers running")]
    [InlineData("Connect worker CPU (%)")]
    [InlineData("Connect worker memory (%)")]
    [InlineData("Connect worker restarts")]
    [InlineData("MSK under-replicated partitions")]
    [InlineData("MSK data disk used (%)")]
    [InlineData("MSK broker CPU user (%)")]
    [InlineData("MSK bytes in per second")]
    [InlineData("Database CPU (%)")]
    [InlineData("Database free storage (bytes)")]
    [InlineData("Database binlog disk usage (bytes)")]
    [InlineData("Database replica lag (s)")]
    public void The_dashboard_shows(string widget)
    {
        // The body is a Fn::Join of JSON text and tokens, read as the document it makes.
        var body = EmbeddedJson.Parse(Assert.Single(Prod.PropertiesOfType("AWS::CloudWatch::Dashboard"))["DashboardBody"]);
        var titles = body!.At("widgets").AsArray().Select(item => (string?)item!["properties"]?["title"]);

        Assert.Contains(widget, titles);
    }

    [Fact]
    public void Alarm_emails_from_the_configuration_are_subscribed()
    {
        var configuration = PlatformConfigLoader.FromJson("""
            { "project": "kcc", "environments": [ { "name": "lab", "account": "333333333333", "region": "us-east-2",
              "kubernetes": { "adminPrincipalArn": "arn:aws:iam::333333333333:role/PlatformAdmin" },
              "operations": { "alarmEmails": ["oncall@example.com"] } } ] }
            """);
        Assert.Equal(["oncall@example.com"], configuration.Platform.Environments[0].Operations.AlarmEmails);
        Assert.Contains("'x' is not an e-mail address", Assert.Throws<ConfigurationException>(() => PlatformConfigLoader.FromJson("""
            { "project": "kcc", "environments": [ { "name": "lab", "account": "333333333333", "region": "us-east-2",
              "kubernetes": { "adminPrincipalArn": "arn:aws:iam::333333333333:role/PlatformAdmin" },
              "operations": { "alarmEmails": ["x"] } } ] }
            """)).Message);
    }
}
