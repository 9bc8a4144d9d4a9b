using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;

namespace KafkaConnectCdk.Constructs.Lakehouse;

/// <param name="NamePrefix">e.g. <c>kcc-dev</c>, the start of every alarm description.</param>
/// <param name="Refresh">The current-state refresh's state machine.</param>
/// <param name="AlarmTopic">Where alarms (and their recovery) are sent.</param>
/// <param name="Dashboard">The environment's dashboard, which gets a lakehouse row.</param>
public sealed record LakehouseMonitoringProps(string NamePrefix, IStateMachine Refresh, ITopic AlarmTopic, Dashboard Dashboard);

/// <summary>
/// The lakehouse's alarms and dashboard row: a refresh execution that failed, timed out or was aborted (after its
/// retries) raises an alarm, from Step Functions' own execution metrics (AWS/States ExecutionsFailed, ExecutionsTimedOut,
/// ExecutionsAborted, https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html).
/// </summary>
public sealed class LakehouseMonitoring : Construct
{
    public static readonly Duration Period = Duration.Minutes(5);

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

    public IReadOnlyList<Alarm> Alarms => [RefreshFailed];
}
