using ConnectRest;

namespace ConnectorHealer;

public enum Verdict
{
    /// <summary>The connector and all its tasks run.</summary>
    Healthy,

    /// <summary>Starting, restarting or being reassigned after a rebalance: left alone.</summary>
    Starting,

    /// <summary>Paused or stopped by someone: never restarted.</summary>
    Halted,

    /// <summary>Failed: restart now.</summary>
    Restart,

    /// <summary>Failed, but the last restart was too recent: wait for the backoff.</summary>
    BackingOff,

    /// <summary>Failed after the hour's restarts were used up: an operator must look (the cap alarm fires).</summary>
    CapReached,

    /// <summary>Failed, and restarts are Strimzi's job (strimzi management mode).</summary>
    FailedObserved,

    /// <summary>Declared for this environment but unknown to Kafka Connect.</summary>
    Missing,
}

/// <summary>The healer's decision about one connector, with the task counts it publishes.</summary>
public sealed record ConnectorDecision(string Connector, Verdict Verdict, int RunningTasks, int FailedTasks, string Reason, DateTimeOffset? NextRestartAt = null)
{
    public bool Restarts => Verdict == Verdict.Restart;

    public bool CapReached => Verdict == Verdict.CapReached;
}

public sealed record HealingPlan(IReadOnlyList<ConnectorDecision> Decisions, HealingState NextState)
{
    public IEnumerable<string> ConnectorsToRestart => Decisions.Where(decision => decision.Restarts).Select(decision => decision.Connector);
}

/// <summary>
/// Decides, from one snapshot of <c>GET /connectors?expand=status</c> and the memory of earlier invocations, which
/// connectors to restart. Pure: the clock, the statuses and the memory come in, decisions and the new memory go out.
/// </summary>
public static class HealingPlanner
{
    public static HealingPlan Plan(
        IReadOnlyDictionary<string, ConnectorStatus> statuses,
        IReadOnlyCollection<string> expectedConnectors,
        HealingState state,
        DateTimeOffset now,
        HealingPolicy policy)
    {
        var decisions = new List<ConnectorDecision>();
        var memories = new Dictionary<string, ConnectorMemory>(StringComparer.Ordinal);
        foreach (var (connector, status) in statuses.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var (decision, memory) = Decide(connector, status, state.For(connector), now, policy);
            decisions.Add(decision);
            if (!memory.IsForgettable)
            {
                memories[connector] = memory;
            }
        }

        decisions.AddRange(expectedConnectors
            .Where(connector => !statuses.ContainsKey(connector))
            .Order(StringComparer.Ordinal)
            .Select(connector => new ConnectorDecision(connector, Verdict.Missing, 0, 0, $"connector {connector} is not registered in Kafka Connect")));

        // Memory of connectors that no longer exist is dropped with them.
        return new HealingPlan(decisions, new HealingState(memories));
    }

    private static (ConnectorDecision Decision, ConnectorMemory Memory) Decide(string connector, ConnectorStatus status, ConnectorMemory remembered, DateTimeOffset now, HealingPolicy policy)
    {
        var running = status.Tasks.Count(task => task.State == "RUNNING");
        var failedTasks = status.Tasks.Count(task => task.State == "FAILED");
        var failed = failedTasks + (status.ConnectorState == "FAILED" ? 1 : 0);
        var memory = remembered with { Restarts = [.. remembered.Restarts.Where(restart => now - restart < HealingPolicy.Window)] };
        ConnectorDecision Decision(Verdict verdict, string reason, DateTimeOffset? next = null) =>
            new(connector, verdict, running, failedTasks, reason, next);

        // Someone paused or stopped it on purpose: a failed task inside stays failed until they resume it.
        if (status.ConnectorState is "PAUSED" or "STOPPED")
        {
            return (Decision(Verdict.Halted, $"connector {connector} is {status.ConnectorState}: not restarted"), memory);
        }

        if (failed == 0)
        {
            var healthy = status.ConnectorState == "RUNNING" && status.Tasks.Count > 0 && running == status.Tasks.Count;
            if (!healthy)
            {
                return (Decision(Verdict.Starting, $"connector {connector} is {status.ConnectorState} with {running} of {status.Tasks.Count} tasks running"), memory);
            }

            var stable = memory.LastRestartAt is null || now - memory.LastRestartAt >= policy.StableAfter;
            return (Decision(Verdict.Healthy, $"connector {connector} runs {running} tasks"), stable ? memory with { ConsecutiveRestarts = 0 } : memory);
        }

        var failure = StatusEvaluation.FailureReason(connector, status);
        if (!policy.RestartsEnabled)
        {
            return (Decision(Verdict.FailedObserved, $"{failure}; Strimzi's auto-restart handles it"), memory);
        }

        if (memory.Restarts.Count >= policy.MaxRestartsPerHour)
        {
            var windowFrees = memory.Restarts[0] + HealingPolicy.Window;
            return (Decision(Verdict.CapReached, $"{failure}; restarted {memory.Restarts.Count} times in the last hour, the cap: next restart no earlier than {windowFrees:O}", windowFrees), memory);
        }

        var notBefore = memory.LastRestartAt + policy.BackoffAfter(memory.ConsecutiveRestarts);
        if (notBefore > now)
        {
            return (Decision(Verdict.BackingOff, $"{failure}; backing off after {memory.ConsecutiveRestarts} restarts in a row until {notBefore:O}", notBefore), memory);
        }

        var restarted = new ConnectorMemory([.. memory.Restarts, now], memory.ConsecutiveRestarts + 1, now);
        return (Decision(Verdict.Restart, $"{failure}; restarting (restart {restarted.Restarts.Count} of at most {policy.MaxRestartsPerHour} this hour)"), restarted);
    }
}
