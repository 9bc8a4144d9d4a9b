using System.Text.Json.Nodes;
using ConnectRest;
using CustomResources;

namespace ConnectorOperations;

/// <summary>
/// Carries out one operator request against the Kafka Connect REST API (and, for snapshots, Debezium's signal table),
/// refusing what would be unsafe before changing anything, and logging every request with who asked.
/// </summary>
/// <param name="strimziOwnsState">
/// In Strimzi's management mode the operator reconciles each KafkaConnector back to its <c>spec.state</c> (default
/// running) and owns its offsets (Strimzi 1.2.0 AbstractConnectOperator.updateState), so a pause, stop or offsets change
/// through the REST API would be undone within one reconciliation, possibly halfway through stop, reset, resume.
/// </param>
public sealed class Operator(ConnectClient connect, ISignalWriter signals, StructuredLog log, bool strimziOwnsState = false)
{
    /// <summary>Actions that change a connector's state or offsets: Strimzi's to make when it owns the connectors.</summary>
    public static readonly IReadOnlySet<string> StateChanges = new HashSet<string>(StringComparer.Ordinal)
    {
        Actions.Pause, Actions.Resume, Actions.Stop, Actions.AlterOffsets, Actions.ResetOffsets,
    };

    public async Task<JsonObject> RunAsync(OperationRequest request, CancellationToken cancellation)
    {
        var fields = new Dictionary<string, object?> { ["action"] = request.Action, ["connector"] = request.Connector, ["requestedBy"] = request.RequestedBy };
        if (request.Tables.Count > 0)
        {
            fields["tables"] = string.Join(",", request.Tables);
        }

        log.Info("operation requested", fields);
        try
        {
            var result = await DispatchAsync(request, cancellation);
            result["action"] = request.Action;
            result["requestedBy"] = request.RequestedBy;
            log.Info("operation done", new(fields) { ["result"] = result.ToJsonString() });
            return result;
        }
        catch (RefusedException refused)
        {
            log.Warn("operation refused", new(fields) { ["reason"] = refused.Message });
            throw;
        }
    }

    private async Task<JsonObject> DispatchAsync(OperationRequest request, CancellationToken cancellation)
    {
        var statuses = await connect.ListStatusesAsync(cancellation);
        if (request.Action == Actions.Status)
        {
            return new JsonObject { ["connectors"] = new JsonObject(statuses.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)StatusJson(pair.Key, pair.Value)))) };
        }

        var name = request.Connector!;
        if (strimziOwnsState && StateChanges.Contains(request.Action))
        {
            throw new RefusedException($"{request.Action} is Strimzi's to do here: in the strimzi management mode the operator reverts REST state and offset changes within one reconciliation. " +
                $"Set spec.state (running, paused or stopped) of KafkaConnector '{name}', or use Strimzi's strimzi.io/connector-offsets annotation for offsets");
        }

        if (!statuses.TryGetValue(name, out var status))
        {
            throw new RefusedException($"unknown connector '{name}': Kafka Connect runs {(statuses.Count == 0 ? "none" : string.Join(", ", statuses.Keys.Order(StringComparer.Ordinal)))}");
        }

        var result = new JsonObject { ["connector"] = name, ["stateBefore"] = status.ConnectorState };
        switch (request.Action)
        {
            case Actions.RestartFailed:
                await connect.RestartFailedTasksAsync(name, cancellation);
                break;
            case Actions.Pause:
                await connect.PauseAsync(name, cancellation);
                break;
            case Actions.Resume:
                await connect.ResumeAsync(name, cancellation);
                break;
            case Actions.Stop:
                await connect.StopAsync(name, cancellation);
                break;
            case Actions.Snapshot:
                await SnapshotAsync(request, status, result, cancellation);
                break;
            case Actions.GetOffsets:
                result["offsets"] = await connect.GetOffsetsAsync(name, cancellation);
                break;
            case Actions.AlterOffsets:
            case Actions.ResetOffsets:
                await ChangeOffsetsAsync(request, status, result, cancellation);
                break;
        }

        if (await connect.GetStatusAsync(name, cancellation) is { } after)
        {
            result["status"] = StatusJson(name, after);
        }

        return result;
    }

    private async Task SnapshotAsync(OperationRequest request, ConnectorStatus status, JsonObject result, CancellationToken cancellation)
    {
        var name = request.Connector!;
        var config = await connect.GetConfigAsync(name, cancellation) ?? throw new RefusedException($"unknown connector '{name}'");
        if (!config.TryGetValue("signal.data.collection", out var signalTable) || string.IsNullOrWhiteSpace(signalTable))
        {
            throw new RefusedException($"connector '{name}' has no signal.data.collection: it cannot be signalled; redeploy it with the platform's generated configuration");
        }

        var refused = request.Tables.Where(table => !CaptureFilter.Captures(config, table) || string.Equals(table, signalTable, StringComparison.OrdinalIgnoreCase)).ToList();
        if (refused.Count > 0)
        {
            throw new RefusedException($"connector '{name}' does not capture {string.Join(", ", refused)} (table.include.list is {config.GetValueOrDefault("table.include.list", "unset")}): " +
                "an incremental snapshot only re-reads captured tables; add the table to the connector's tables and deploy first");
        }

        result["signalId"] = await signals.ExecuteSnapshotAsync(signalTable, request.Tables, cancellation);
        result["signalTable"] = signalTable;
        result["tables"] = new JsonArray([.. request.Tables.Select(table => (JsonNode)table)]);
        if (status.ConnectorState != "RUNNING")
        {
            result["note"] = $"the connector is {status.ConnectorState}: Debezium reads the signal from the binlog once it streams again";
        }
    }

    private async Task ChangeOffsetsAsync(OperationRequest request, ConnectorStatus status, JsonObject result, CancellationToken cancellation)
    {
        var name = request.Connector!;
        if (status.ConnectorState != "STOPPED" || status.Tasks.Count > 0)
        {
            throw new RefusedException($"connector '{name}' is {status.ConnectorState}: offsets change only while it is STOPPED (KIP-875). " +
                $"Run scripts/connector-ops.sh stop {name}, then {request.Action}, then resume {name}");
        }

        var previous = await connect.GetOffsetsAsync(name, cancellation);
        result["previousOffsets"] = previous;
        // Logged before the change, so that the log alone can undo it even if the change half fails.
        log.Info("offsets before the change", new() { ["connector"] = name, ["requestedBy"] = request.RequestedBy, ["previousOffsets"] = previous.ToJsonString() });
        result["message"] = request.Action == Actions.ResetOffsets
            ? await connect.ResetOffsetsAsync(name, cancellation)
            : await connect.AlterOffsetsAsync(name, request.Offsets!, cancellation);
        result["offsets"] = await connect.GetOffsetsAsync(name, cancellation);
        result["undo"] = $"scripts/connector-ops.sh alter-offsets {name} '<previousOffsets>' restores the previous position (the connector must still be STOPPED)";
    }

    private static JsonObject StatusJson(string name, ConnectorStatus status) => new()
    {
        ["state"] = status.ConnectorState,
        ["health"] = StatusEvaluation.Evaluate(status).ToString(),
        ["tasks"] = new JsonArray([.. status.Tasks.Select(task => (JsonNode)new JsonObject { ["id"] = task.Id, ["state"] = task.State })]),
        ["failure"] = StatusEvaluation.Evaluate(status) == ConnectorHealth.Failed ? StatusEvaluation.FailureReason(name, status) : null,
    };
}
