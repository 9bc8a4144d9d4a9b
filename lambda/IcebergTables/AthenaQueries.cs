using System.Text.Json.Nodes;

namespace IcebergTableSync;

public interface IQueryRunner
{
    /// <summary>Runs one statement to completion, or throws with Athena's reason.</summary>
    Task RunAsync(string statement, CancellationToken cancellation);
}

/// <summary>
/// Athena StartQueryExecution in the lakehouse workgroup (whose enforced configuration sets the result location and
/// key), then GetQueryExecution until the state is terminal: SUCCEEDED, FAILED or CANCELLED
/// (https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecutionStatus.html; QUEUED and RUNNING are not,
/// and a transient error may move RUNNING back to QUEUED). The invocation's cancellation bounds the wait.
/// </summary>
public sealed class AthenaQueries(AwsJsonClient athena, string workGroup, string database, TimeSpan pollInterval) : IQueryRunner
{
    public static readonly IReadOnlyList<string> TerminalStates = ["SUCCEEDED", "FAILED", "CANCELLED"];

    public async Task RunAsync(string statement, CancellationToken cancellation)
    {
        var started = await athena.CallAsync("StartQueryExecution", new JsonObject
        {
            ["QueryString"] = statement,
            ["WorkGroup"] = workGroup,
            ["QueryExecutionContext"] = new JsonObject { ["Catalog"] = "AwsDataCatalog", ["Database"] = database },
        }, cancellation);
        var id = (string?)started["QueryExecutionId"] ?? throw new InvalidOperationException("Athena StartQueryExecution answered without a QueryExecutionId");

        while (true)
        {
            var execution = await athena.CallAsync("GetQueryExecution", new JsonObject { ["QueryExecutionId"] = id }, cancellation);
            var status = execution["QueryExecution"]?["Status"];
            var state = (string?)status?["State"];
            if (state == "SUCCEEDED")
            {
                return;
            }

            if (state is "FAILED" or "CANCELLED")
            {
                throw new InvalidOperationException($"Athena query {id} {state}: {(string?)status?["StateChangeReason"] ?? "no reason given"} (statement: {statement})");
            }

            await Task.Delay(pollInterval, cancellation);
        }
    }
}
