using System.Text.Json.Nodes;

namespace ConnectorHealer;

/// <summary>
/// Publishes each connector's task counts and the healer's actions as CloudWatch metrics through the Embedded Metric
/// Format: one JSON line per connector on stdout, which Lambda ships to CloudWatch Logs and CloudWatch turns into
/// metrics. No SDK call, no extra permission, and the numbers sit next to the log lines that explain them.
/// </summary>
public sealed class ConnectorMetrics(TextWriter output, string connectCluster)
{
    public const string Namespace = "KafkaConnectCdk/Connectors";
    public const string ClusterDimension = "ConnectCluster";
    public const string ConnectorDimension = "Connector";
    public const string RunningTasks = "RunningTasks";
    public const string FailedTasks = "FailedTasks";
    public const string Restarts = "Restarts";
    public const string RestartCapReached = "RestartCapReached";

    public void Publish(ConnectorDecision decision, bool restarted, DateTimeOffset at)
    {
        var document = new JsonObject
        {
            ["_aws"] = new JsonObject
            {
                ["Timestamp"] = at.ToUnixTimeMilliseconds(),
                ["CloudWatchMetrics"] = new JsonArray(new JsonObject
                {
                    ["Namespace"] = Namespace,
                    ["Dimensions"] = new JsonArray(new JsonArray(ClusterDimension, ConnectorDimension)),
                    ["Metrics"] = new JsonArray(
                        Count(RunningTasks),
                        Count(FailedTasks),
                        Count(Restarts),
                        Count(RestartCapReached)),
                }),
            },
            [ClusterDimension] = connectCluster,
            [ConnectorDimension] = decision.Connector,
            [RunningTasks] = decision.RunningTasks,
            [FailedTasks] = decision.FailedTasks,
            [Restarts] = restarted ? 1 : 0,
            [RestartCapReached] = decision.CapReached ? 1 : 0,
            ["verdict"] = decision.Verdict.ToString(),
        };
        lock (output)
        {
            output.WriteLine(document.ToJsonString());
        }
    }

    private static JsonObject Count(string name) => new() { ["Name"] = name, ["Unit"] = "Count" };
}
