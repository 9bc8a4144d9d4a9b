using ConnectRest;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TaskStatus = ConnectRest.TaskStatus;

namespace ConnectorHealer.Tests;

[Trait("Category", "Unit")]
public sealed class PlannerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly HealingPolicy Policy = new(RestartsEnabled: true, FirstBackoff: TimeSpan.FromMinutes(1), MaxBackoff: TimeSpan.FromMinutes(16), MaxRestartsPerHour: 4, StableAfter: TimeSpan.FromMinutes(10));

    private static ConnectorStatus Running => new("RUNNING", [new TaskStatus(0, "RUNNING", null)]);

    private static ConnectorStatus TaskFailed => new("RUNNING", [new TaskStatus(0, "FAILED", "org.apache.kafka.connect.errors.ConnectException: boom\n\tat X.y(X.java:1)")]);

    private static HealingPlan Plan(ConnectorStatus status, HealingState state, DateTimeOffset now, HealingPolicy? policy = null, string[]? expected = null) =>
        HealingPlanner.Plan(new Dictionary<string, ConnectorStatus> { ["orders"] = status }, expected ?? ["orders"], state, now, policy ?? Policy);

    [Fact]
    public void A_failed_task_is_restarted_at_once_and_the_restart_remembered()
    {
        var plan = Plan(TaskFailed, HealingState.Empty, Start);

        var decision = Assert.Single(plan.Decisions);
        Assert.Equal(Verdict.Restart, decision.Verdict);
        Assert.Equal(1, decision.FailedTasks);
        Assert.Contains("connector orders task 0 is FAILED: org.apache.kafka.connect.errors.ConnectException: boom", decision.Reason, StringComparison.Ordinal);
        Assert.Equal(new ConnectorMemory([Start], 1, Start), plan.NextState.For("orders"), MemoryComparer.Instance);
    }

    [Fact]
    public void A_failed_connector_instance_counts_as_a_failure()
    {
        var plan = Plan(new ConnectorStatus("FAILED", []), HealingState.Empty, Start);

        Assert.Equal(Verdict.Restart, Assert.Single(plan.Decisions).Verdict);
    }

    [Fact]
    public void Backoff_doubles_between_restarts_that_do_not_help()
    {
        var state = HealingState.Empty;
        var restarts = new List<DateTimeOffset>();
        for (var minute = 0; minute < 40; minute++)
        {
            var now = Start.AddMinutes(minute);
            var plan = Plan(TaskFailed, state, now);
            if (plan.Decisions[0].Restarts)
            {
                restarts.Add(now);
            }

            state = plan.NextState;
        }

        // At once, then 1, 2, 4 minutes later; the fifth would be the hour's fifth and the cap is 4.
        Assert.Equal([0, 1, 3, 7], restarts.Select(restart => (int)(restart - Start).TotalMinutes));
    }

    [Fact]
    public void Waiting_for_the_backoff_says_until_when()
    {
        var state = Plan(TaskFailed, HealingState.Empty, Start).NextState;

        var decision = Plan(TaskFailed, state, Start.AddSeconds(30)).Decisions[0];

        Assert.Equal(Verdict.BackingOff, decision.Verdict);
        Assert.Equal(Start.AddMinutes(1), decision.NextRestartAt);
    }

    [Fact]
    public void The_hourly_cap_stops_restarts_until_the_oldest_leaves_the_window()
    {
        var restarts = Enumerable.Range(0, 4).Select(index => Start.AddMinutes(index * 5)).ToList();
        var state = new HealingState(new Dictionary<string, ConnectorMemory> { ["orders"] = new(restarts, 1, restarts[^1]) });

        var capped = Plan(TaskFailed, state, Start.AddMinutes(30)).Decisions[0];
        var freed = Plan(TaskFailed, state, Start.AddMinutes(60)).Decisions[0];

        Assert.Equal(Verdict.CapReached, capped.Verdict);
        Assert.True(capped.CapReached);
        Assert.Equal(Start.AddHours(1), capped.NextRestartAt);
        Assert.Contains("restarted 4 times in the last hour", capped.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Restart, freed.Verdict);
    }

    [Theory]
    [InlineData("PAUSED")]
    [InlineData("STOPPED")]
    public void Paused_or_stopped_connectors_are_never_restarted_even_with_a_failed_task(string state)
    {
        var plan = Plan(new ConnectorStatus(state, [new TaskStatus(0, "FAILED", "boom")]), HealingState.Empty, Start);

        Assert.Equal(Verdict.Halted, plan.Decisions[0].Verdict);
        Assert.Empty(plan.ConnectorsToRestart);
    }

    [Theory]
    [InlineData("UNASSIGNED")]
    [InlineData("RESTARTING")]
    public void Tasks_being_reassigned_after_a_rebalance_are_left_alone(string taskState)
    {
        var plan = Plan(new ConnectorStatus("RUNNING", [new TaskStatus(0, taskState, null)]), HealingState.Empty, Start);

        Assert.Equal(Verdict.Starting, plan.Decisions[0].Verdict);
        Assert.Empty(plan.ConnectorsToRestart);
    }

    [Fact]
    public void In_observe_mode_a_failure_is_reported_and_nothing_restarted()
    {
        var plan = Plan(TaskFailed, HealingState.Empty, Start, Policy with { RestartsEnabled = false });

        Assert.Equal(Verdict.FailedObserved, plan.Decisions[0].Verdict);
        Assert.Contains("Strimzi's auto-restart", plan.Decisions[0].Reason, StringComparison.Ordinal);
        Assert.Empty(plan.NextState.Connectors);
    }

    [Fact]
    public void Running_stably_resets_the_backoff_but_not_the_hourly_count()
    {
        var state = new HealingState(new Dictionary<string, ConnectorMemory> { ["orders"] = new([Start], 3, Start) });

        var tooSoon = Plan(Running, state, Start.AddMinutes(5)).NextState.For("orders");
        var stable = Plan(Running, state, Start.AddMinutes(10)).NextState.For("orders");

        Assert.Equal(3, tooSoon.ConsecutiveRestarts);
        Assert.Equal(0, stable.ConsecutiveRestarts);
        Assert.Equal([Start], stable.Restarts);
    }

    [Fact]
    public void A_declared_connector_unknown_to_Connect_is_reported_missing()
    {
        var plan = HealingPlanner.Plan(new Dictionary<string, ConnectorStatus>(), ["orders"], HealingState.Empty, Start, Policy);

        var decision = Assert.Single(plan.Decisions);
        Assert.Equal(Verdict.Missing, decision.Verdict);
        Assert.Equal(0, decision.RunningTasks);
    }

    [Fact]
    public void Memory_of_deleted_connectors_is_dropped()
    {
        var state = new HealingState(new Dictionary<string, ConnectorMemory> { ["gone"] = new([Start], 1, Start) });

        var plan = Plan(Running, state, Start.AddMinutes(1));

        Assert.False(plan.NextState.Connectors.ContainsKey("gone"));
    }

    [Fact]
    public void State_survives_its_JSON_form()
    {
        var state = new HealingState(new Dictionary<string, ConnectorMemory> { ["orders"] = new([Start, Start.AddMinutes(2)], 2, Start.AddMinutes(2)) });

        Assert.True(HealingState.FromJson(state.ToJson()).SameAs(state));
    }

    /// <summary>
    /// Whatever the connector does minute by minute (fail, run, pause), no 60-minute window holds more restarts than the
    /// cap, and a paused connector is never restarted.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property No_restart_storm_whatever_the_connector_does()
    {
        var states = Gen.Elements("FAILED", "RUNNING", "PAUSED", "UNASSIGNED").ListOf().Where(list => list.Count > 0).Select(list => list.Take(240).ToList());
        return Prop.ForAll(states.ToArbitrary(), sequence =>
        {
            var state = HealingState.Empty;
            var restarts = new List<DateTimeOffset>();
            var restartedWhilePaused = false;
            for (var minute = 0; minute < sequence.Count; minute++)
            {
                var now = Start.AddMinutes(minute);
                var status = sequence[minute] switch
                {
                    "FAILED" => TaskFailed,
                    "PAUSED" => new ConnectorStatus("PAUSED", [new TaskStatus(0, "FAILED", "x")]),
                    "UNASSIGNED" => new ConnectorStatus("RUNNING", [new TaskStatus(0, "UNASSIGNED", null)]),
                    _ => Running,
                };
                var plan = Plan(status, state, now);
                if (plan.Decisions[0].Restarts)
                {
                    restarts.Add(now);
                    restartedWhilePaused |= sequence[minute] == "PAUSED";
                }

                state = plan.NextState;
            }

            var worstWindow = restarts.Count == 0 ? 0 : restarts.Max(first => restarts.Count(other => other >= first && other - first < HealingPolicy.Window));
            return worstWindow <= Policy.MaxRestartsPerHour && !restartedWhilePaused;
        });
    }

    [Fact]
    public void Backoff_is_capped_and_never_overflows()
    {
        Assert.Equal(TimeSpan.Zero, Policy.BackoffAfter(0));
        Assert.Equal(TimeSpan.FromMinutes(1), Policy.BackoffAfter(1));
        Assert.Equal(TimeSpan.FromMinutes(8), Policy.BackoffAfter(4));
        Assert.Equal(TimeSpan.FromMinutes(16), Policy.BackoffAfter(5));
        Assert.Equal(TimeSpan.FromMinutes(16), Policy.BackoffAfter(int.MaxValue));
    }

    private sealed class MemoryComparer : IEqualityComparer<ConnectorMemory>
    {
        public static readonly MemoryComparer Instance = new();

        public bool Equals(ConnectorMemory? x, ConnectorMemory? y) =>
            x is not null && y is not null && x.Restarts.SequenceEqual(y.Restarts) && x.ConsecutiveRestarts == y.ConsecutiveRestarts && x.LastRestartAt == y.LastRestartAt;

        public int GetHashCode(ConnectorMemory obj) => obj.ConsecutiveRestarts;
    }
}
