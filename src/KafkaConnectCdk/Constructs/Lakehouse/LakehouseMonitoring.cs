using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using KafkaConnectCdk.Connect;
using CfnRule = Amazon.CDK.AWS.Events.CfnRule;
using KafkaConnectCdk.Constructs.Operations;

namespace KafkaConnectCdk.Constructs.Lakehouse;

/// <param name="NamePrefix">e.g. <c>kcc-dev</c>, the start of every alarm description.</param>
/// <param name="Refresh">The current-state refresh's state machine.</param>
/// <param name="AlarmTopic">Where alarms (and their recovery) are sent.</param>
/// <param name="Dashboard">The environment's dashboard, which gets a lakehouse row.</param>
/// <param name="Commits">The lakehouse's commit events: one rule per sink and the log of every commit.</param>
/// <param name="EksClusterName">Dimension of the scraped Connect metrics (the sinks' records read).</param>
/// <param name="CommitIntervalSeconds">lakehouse.commitIntervalSeconds: how often each sink commits.</param>
public sealed record LakehouseMonitoringProps(string NamePrefix, IStateMachine Refresh, ITopic AlarmTopic, Dashboard Dashboard, CommitEvents Commits, string EksClusterName, int CommitIntervalSeconds);

/// <summary>
/// The lakehouse's alarms and dashboard row: a refresh execution that failed, timed out or was aborted (after its
/// retries) raises an alarm, from Step Functions' own execution metrics (AWS/States ExecutionsFailed, ExecutionsTimedOut,
/// ExecutionsAborted, https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html).
/// A sink whose commits stall raises another: the 1.11.0 sink stays RUNNING when its coordinator's commits fail
/// (apache/iceberg#15878; Coordinator.java commit() only logs "will try again next cycle"). The alarm is per sink, not
/// per table, and asks "did it read records in each of the last intervals and commit none of its tables?": a quiet
/// table's newest commit ages legitimately, because the coordinator skips a table with no new files ("found nothing to
/// commit to table", Coordinator.java commitToTable at apache-iceberg-1.11.0), so age alone would alarm on every idle
/// table. Known limits: Glue's optimizers also update the tables, and the Glue event does not say who did, so an
/// optimizer run during a stall restarts the count (a stalled sink adds no files, so compaction has nothing to do;
/// retention runs rarely); and a sink that commits some of its tables while one fails (the coordinator commits tables in
/// parallel, Coordinator.doCommit) is not caught: the dashboard's per-table view shows it. The shipped sinks have one
/// table each. The dashboard shows each table's latest update and the records the sinks read.
/// </summary>
public sealed class LakehouseMonitoring : Construct
{
    public static readonly Duration Period = Duration.Minutes(5);

    /// <summary>Consecutive commit intervals with records read and no commit before the alarm fires.</summary>
    public const int StalledIntervals = 3;

    /// <summary>The sinks' iceberg.control.commit.timeout-ms, which their configuration sets.</summary>
    public const int CommitTimeoutSeconds = IcebergSinkConnectorConfig.CommitTimeoutSeconds;

    /// <summary>
    /// One evaluation period per commit: the interval plus the coordinator's commit timeout, rounded up to whole minutes
    /// (CloudWatch alarm periods above a minute are multiples of 60 s).
    /// </summary>
    public static Duration CommitPeriod(int commitIntervalSeconds) =>
        Duration.Minutes(Math.Ceiling((commitIntervalSeconds + CommitTimeoutSeconds) / 60.0));

    public LakehouseMonitoring(Construct scope, string id, LakehouseMonitoringProps props) : base(scope, id)
    {
        var options = new MetricOptions { Period = Period, Statistic = "Sum" };
        var failures = new MathExpression(new MathExpressionProps
        {
            Expression = "failed + timedOut + aborted",
            UsingMetrics = new Dictionary<string, IMetric>
            {
                ["failed"] = props.Refresh.MetricFailed(options),
                ["timedOut"] = props.Refresh.MetricTimedOut(options),
                ["aborted"] = props.Refresh.MetricAborted(options),
            },
            Period = Period,
            Label = "Refresh executions failed, timed out or aborted",
        });
        RefreshFailed = new Alarm(this, "RefreshFailed", new AlarmProps
        {
            AlarmDescription = $"{props.NamePrefix}: the lakehouse current-state refresh failed (MERGE INTO after its retries); current state is stale, see the state machine's execution log",
            Metric = failures,
            Threshold = 0,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        RefreshFailed.AddAlarmAction(new SnsAction(props.AlarmTopic));
        RefreshFailed.AddOkAction(new SnsAction(props.AlarmTopic));

        var commitPeriod = CommitPeriod(props.CommitIntervalSeconds);
        var stalls = new List<Alarm>();
        var health = new List<Alarm>();
        var commitMetrics = new List<IMetric>();
        var readMetrics = new List<IMetric>();
        foreach (var (sink, rule) in props.Commits.Rules)
        {
            var commits = CommitEvents.CommitCount(rule, commitPeriod, sink);
            var read = PlatformMetrics.SinkRecordsRead(props.EksClusterName, sink, commitPeriod);
            commitMetrics.Add(commits);
            readMetrics.Add(read);
            var stalled = new MathExpression(new MathExpressionProps
            {
                // TriggeredRules is sent only when non-zero: an interval without a commit has no datapoint.
                Expression = "IF(read > 0 AND FILL(commits, 0) == 0, 1, 0)",
                UsingMetrics = new Dictionary<string, IMetric> { ["read"] = read, ["commits"] = commits },
                Period = commitPeriod,
                Label = $"{sink}: read records but committed nothing",
            });
            var alarm = new Alarm(this, $"CommitsStalled-{sink}", new AlarmProps
            {
                AlarmDescription = $"{props.NamePrefix}: the Iceberg sink {sink} read records for {StalledIntervals} commit intervals and committed none of its tables (apache/iceberg#15878: it stays RUNNING); see its coordinator's log (\"failed to commit\") and the lakehouse commits log",
                Metric = stalled,
                Threshold = 1,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                EvaluationPeriods = StalledIntervals,
                DatapointsToAlarm = StalledIntervals,
                // No records read (or no scrape) is not a stall; the Connect alarms cover a missing scrape.
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            });
            alarm.AddAlarmAction(new SnsAction(props.AlarmTopic));
            alarm.AddOkAction(new SnsAction(props.AlarmTopic));
            stalls.Add(alarm);

            // The healer reports the sinks like the sources (they are among its expected connectors): the same two
            // task alarms as a source connector's, without the binlog ones, which a sink has no part in.
            health.Add(Notify(new Alarm(this, $"SinkTasksFailed-{sink}", new AlarmProps
            {
                AlarmDescription = $"{props.NamePrefix}: connector {sink} has failed tasks for 3 minutes (the task trace is in the healer's log)",
                Metric = PlatformMetrics.Connector(PlatformMetrics.Healer.FailedTasks, props.NamePrefix, sink),
                Threshold = 0,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
                EvaluationPeriods = 3,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            }), props.AlarmTopic));
            health.Add(Notify(new Alarm(this, $"SinkNotRunning-{sink}", new AlarmProps
            {
                AlarmDescription = $"{props.NamePrefix}: connector {sink} has had no running task for 10 minutes (failed, paused, stopped, missing, or not reported)",
                Metric = PlatformMetrics.Connector(PlatformMetrics.Healer.RunningTasks, props.NamePrefix, sink, "Minimum"),
                Threshold = 1,
                ComparisonOperator = ComparisonOperator.LESS_THAN_THRESHOLD,
                EvaluationPeriods = 10,
                TreatMissingData = TreatMissingData.BREACHING,
            }), props.AlarmTopic));
        }

        CommitsStalled = stalls;
        SinkHealth = health;

        props.Dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Iceberg commits per sink (Glue UpdateTable of its changelogs)",
                Left = [.. commitMetrics],
                Width = 8,
                Height = 6,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Records the Iceberg sinks read (per second, summed over the scrapes)",
                Left = [.. readMetrics],
                Width = 8,
                Height = 6,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Iceberg sink tasks running",
                Left = [.. props.Commits.Rules.Keys.Select(sink => PlatformMetrics.Connector(PlatformMetrics.Healer.RunningTasks, props.NamePrefix, sink, label: sink))],
                Width = 8,
                Height = 6,
            }),
            new LogQueryWidget(new LogQueryWidgetProps
            {
                // Glue's optimizers (compaction, snapshot retention) update the tables too, and the query sees only the
                // dashboard's time range: a table idle for longer is not listed.
                Title = "Latest Glue UpdateTable per changelog table, in the dashboard's time range (sink commits and optimizer runs)",
                LogGroupNames = [props.Commits.LogGroup.LogGroupName],
                QueryLines =
                [
                    "fields @timestamp, detail.tableName",
                    "stats max(@timestamp) as latestCommit, count(*) as commits by detail.tableName",
                    "sort latestCommit asc",
                ],
                View = LogQueryVisualizationType.TABLE,
                Width = 8,
                Height = 6,
            }));

        props.Dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Lakehouse refresh executions",
                Left = [props.Refresh.MetricSucceeded(options), failures],
                Width = 12,
                Height = 6,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Lakehouse refresh duration (ms)",
                Left = [props.Refresh.MetricTime(new MetricOptions { Period = Period, Statistic = "Maximum" })],
                Width = 12,
                Height = 6,
            }));
    }

    public Alarm RefreshFailed { get; }

    /// <summary>One per sink: records read for <see cref="StalledIntervals"/> commit intervals and no commit.</summary>
    public IReadOnlyList<Alarm> CommitsStalled { get; }

    /// <summary>Per sink: failed tasks for 3 minutes, no running task for 10 minutes (the healer's metrics).</summary>
    public IReadOnlyList<Alarm> SinkHealth { get; }

    public IReadOnlyList<Alarm> Alarms => [RefreshFailed, .. CommitsStalled, .. SinkHealth];

    private static Alarm Notify(Alarm alarm, ITopic topic)
    {
        alarm.AddAlarmAction(new SnsAction(topic));
        alarm.AddOkAction(new SnsAction(topic));
        return alarm;
    }
}
