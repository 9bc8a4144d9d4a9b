using System.Collections.Concurrent;
using System.Net;
using ConnectRest;
using CustomResources;

namespace ConnectorHealer;

/// <summary>What one run decided and did.</summary>
public sealed record HealingReport(IReadOnlyList<ConnectorDecision> Decisions, IReadOnlyList<string> Restarted, bool LostRace);

/// <summary>
/// One healing round: read every connector's status, decide with the remembered restarts, claim the decision by saving
/// the new memory (so that an overlapping run cannot restart the same connector again), restart, and publish metrics.
/// </summary>
public sealed class Healer(
    ConnectClient connect,
    IHealingStateStore store,
    HealingPolicy policy,
    IReadOnlyCollection<string> expectedConnectors,
    ConnectorMetrics metrics,
    StructuredLog log,
    TimeProvider clock)
{
    public const int ParallelRestarts = 4;

    public async Task<HealingReport> RunAsync(CancellationToken cancellation)
    {
        var statuses = await connect.ListStatusesAsync(cancellation);
        var stored = await store.LoadAsync(cancellation);
        var now = clock.GetUtcNow();
        var plan = HealingPlanner.Plan(statuses, expectedConnectors, stored.State, now, policy);

        var claimed = plan.NextState.SameAs(stored.State) || await store.TrySaveAsync(plan.NextState, stored.Version, cancellation);
        if (!claimed)
        {
            log.Warn("another healing run saved first; restarts left to it", new() { ["connectors"] = string.Join(",", plan.ConnectorsToRestart) });
        }

        // A few at a time: many failed connectors at once (a database restart) must fit one run, not flood the workers.
        var restartedBag = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(claimed ? plan.ConnectorsToRestart : [], new ParallelOptions { MaxDegreeOfParallelism = ParallelRestarts, CancellationToken = cancellation }, async (connector, token) =>
        {
            try
            {
                await connect.RestartFailedTasksAsync(connector, token);
                restartedBag.Add(connector);
            }
            catch (ConnectApiException exception) when (exception.Status == HttpStatusCode.NotFound)
            {
                log.Warn("connector deleted before its restart", new() { ["connector"] = connector });
            }
        });
        var restarted = restartedBag.Order(StringComparer.Ordinal).ToList();

        foreach (var decision in plan.Decisions)
        {
            metrics.Publish(decision, restarted.Contains(decision.Connector), now);
            if (decision.Verdict is not (Verdict.Healthy or Verdict.Starting))
            {
                var fields = new Dictionary<string, object?> { ["connector"] = decision.Connector, ["verdict"] = decision.Verdict.ToString(), ["reason"] = decision.Reason };
                if (decision.Verdict is Verdict.CapReached or Verdict.Missing or Verdict.FailedObserved)
                {
                    log.Error("connector needs an operator", fields);
                }
                else
                {
                    log.Info("connector not running", fields);
                }
            }
        }

        return new HealingReport(plan.Decisions, restarted, !claimed);
    }
}
