using ConnectRest;
using CustomResources;
using KafkaConnectCdk.Contracts;

namespace ConnectorRegistrar;

/// <summary>The Provider framework's answers: onEvent returns the physical id, isComplete whether to stop polling.</summary>
public sealed record OnEventResponse(string PhysicalResourceId, IReadOnlyDictionary<string, string> Data);

public sealed record IsCompleteResponse(bool IsComplete, IReadOnlyDictionary<string, string> Data);

/// <summary>
/// Registers, updates, deletes and verifies one connector. In strimzi mode the operator owns the connectors, so it
/// only verifies. Every failure is an exception whose message CloudFormation shows as the reason.
/// </summary>
public sealed class Registrar(Func<Uri, ConnectClient> clientFor, StructuredLog log)
{
    /// <summary>The physical id names the connector: a rename gets a new id, and CloudFormation deletes the old one.</summary>
    public static string PhysicalIdOf(ConnectorRequest connector) => $"connector:{connector.Name}";

    public async Task<OnEventResponse> OnEventAsync(CustomResourceEvent request, CancellationToken cancellation)
    {
        var connector = request.Connector;
        var client = clientFor(connector.ConnectUrl);
        var physicalId = PhysicalIdOf(connector);
        log.Info("onEvent", new() { ["requestType"] = request.RequestType, ["connector"] = connector.Name, ["mode"] = connector.ManagementMode, ["configHash"] = connector.ConfigHash });

        if (connector.ManagementMode == ConnectorRequest.StrimziMode)
        {
            return new OnEventResponse(request.PhysicalResourceId ?? physicalId, Data(connector));
        }

        if (request.RequestType == "Delete")
        {
            await client.DeleteAsync(connector.Name, cancellation);
            log.Info("deleted", new() { ["connector"] = connector.Name });
            return new OnEventResponse(request.PhysicalResourceId ?? physicalId, Data(connector));
        }

        var errors = await client.ValidateAsync(connector.ConnectorClass, WithClass(connector), cancellation);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"Kafka Connect rejected the configuration of {connector.Name}: " + string.Join("; ", errors.Select(error => $"{error.Config}: {error.Message}")));
        }

        await client.PutConfigAsync(connector.Name, WithClass(connector), cancellation);
        log.Info("registered", new() { ["connector"] = connector.Name, ["config"] = SecretRedaction.Redact(WithClass(connector)) });
        return new OnEventResponse(physicalId, Data(connector));
    }

    /// <summary>Complete when the connector and every task run; a failed task is restarted once, then fails the deployment.</summary>
    public async Task<IsCompleteResponse> IsCompleteAsync(CustomResourceEvent request, TimeSpan restartSettleTime, CancellationToken cancellation)
    {
        var connector = request.Connector;
        if (request.RequestType == "Delete")
        {
            return new IsCompleteResponse(true, Data(connector));
        }

        var client = clientFor(connector.ConnectUrl);
        var status = await client.GetStatusAsync(connector.Name, cancellation);
        var health = StatusEvaluation.Evaluate(status);
        log.Info("status", new() { ["connector"] = connector.Name, ["health"] = health.ToString(), ["state"] = status?.ConnectorState ?? "UNKNOWN" });

        switch (health)
        {
            case ConnectorHealth.Running:
                return new IsCompleteResponse(true, Data(connector, "RUNNING"));
            case ConnectorHealth.Halted:
                throw new InvalidOperationException($"connector {connector.Name} is {status!.ConnectorState} (tasks: {string.Join(", ", status.Tasks.Select(task => task.State))}); resume it or remove it from the configuration");
            case ConnectorHealth.Failed:
                return await RestartOnceAsync(client, connector, restartSettleTime, cancellation);
            default:
                return new IsCompleteResponse(false, Data(connector, status?.ConnectorState ?? "UNKNOWN"));
        }
    }

    // The restart and the check of its outcome happen in one invocation: isComplete keeps no state between polls.
    private async Task<IsCompleteResponse> RestartOnceAsync(ConnectClient client, ConnectorRequest connector, TimeSpan settleTime, CancellationToken cancellation)
    {
        log.Warn("restarting failed tasks", new() { ["connector"] = connector.Name });
        await client.RestartFailedTasksAsync(connector.Name, cancellation);
        var deadline = DateTimeOffset.UtcNow + settleTime;
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, Math.Max(50, settleTime.TotalMilliseconds / 10))), cancellation);
            var status = await client.GetStatusAsync(connector.Name, cancellation);
            switch (StatusEvaluation.Evaluate(status))
            {
                case ConnectorHealth.Running:
                    return new IsCompleteResponse(true, Data(connector, "RUNNING"));
                case ConnectorHealth.Failed when DateTimeOffset.UtcNow >= deadline || status!.Tasks.All(task => task.State is "FAILED" or "RUNNING"):
                    throw new InvalidOperationException(StatusEvaluation.FailureReason(connector.Name, status!, "after a restart"));
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                return new IsCompleteResponse(false, Data(connector, status?.ConnectorState ?? "UNKNOWN"));
            }
        }
    }

    private static Dictionary<string, string> WithClass(ConnectorRequest connector) =>
        new(connector.Config) { [ConnectorConfigKeys.ConnectorClass] = connector.ConnectorClass };

    private static Dictionary<string, string> Data(ConnectorRequest connector, string? state = null)
    {
        var data = new Dictionary<string, string> { ["ConnectorName"] = connector.Name, ["ConfigHash"] = connector.ConfigHash };
        if (state is not null)
        {
            data["State"] = state;
        }

        return data;
    }
}
