namespace ConnectRest;

public enum ConnectorHealth
{
    /// <summary>The connector and all its tasks run.</summary>
    Running,

    /// <summary>Still starting (UNASSIGNED, RESTARTING, no tasks yet): ask again later.</summary>
    Starting,

    /// <summary>A task or the connector failed.</summary>
    Failed,

    /// <summary>Paused or stopped by someone: not what a deployment asked for.</summary>
    Halted,
}

/// <summary>Decides what a connector status means for the deployment. Pure, so that tests call it directly.</summary>
public static class StatusEvaluation
{
    public const int TraceLines = 5;

    public static ConnectorHealth Evaluate(ConnectorStatus? status) => status switch
    {
        null => ConnectorHealth.Starting,
        _ when status.ConnectorState == "FAILED" || status.Tasks.Any(task => task.State == "FAILED") => ConnectorHealth.Failed,
        _ when status.ConnectorState is "PAUSED" or "STOPPED" || status.Tasks.Any(task => task.State is "PAUSED" or "STOPPED") => ConnectorHealth.Halted,
        _ when status.ConnectorState == "RUNNING" && status.Tasks.Count > 0 && status.Tasks.All(task => task.State == "RUNNING") => ConnectorHealth.Running,
        _ => ConnectorHealth.Starting,
    };

    /// <summary>The first lines of the first failed task's trace: the exception and where it was thrown.</summary>
    /// <param name="when">Words placed after "is FAILED", e.g. "after a restart"; empty for none.</param>
    public static string FailureReason(string connector, ConnectorStatus status, string when = "")
    {
        var failedTask = status.Tasks.FirstOrDefault(task => task.State == "FAILED");
        var subject = failedTask is null ? $"connector {connector}" : $"connector {connector} task {failedTask.Id}";
        var trace = failedTask?.Trace ?? "";
        var firstLines = string.Join(" | ", trace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(TraceLines));
        var failed = when.Length == 0 ? $"{subject} is FAILED" : $"{subject} is FAILED {when}";
        return firstLines.Length == 0 ? failed : $"{failed}: {firstLines}";
    }
}
