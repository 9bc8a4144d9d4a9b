using System.Text.Json;
using Amazon.DynamoDBv2;
using ConnectRest;
using CustomResources;
using KafkaConnectCdk.Contracts;

namespace ConnectorHealer;

/// <summary>
/// The scheduled entry point (managed runtime dotnet10, Stream in and out; no Amazon.Lambda packages):
/// <c>ConnectorHealer::ConnectorHealer.Function::Handle</c>. The EventBridge event is ignored: every run looks at the
/// whole Connect cluster. Its settings come from the environment the CDK writes.
/// </summary>
public sealed class Function
{
    public const string ConnectUrlVariable = HealerEnvironment.ConnectUrl;
    public const string ConnectClusterVariable = HealerEnvironment.ConnectCluster;
    public const string ExpectedConnectorsVariable = HealerEnvironment.ExpectedConnectors;
    public const string StateTableVariable = HealerEnvironment.StateTable;

    private readonly Func<Healer> healerFactory;
    private readonly StructuredLog log;
    private readonly TimeSpan budget;

    public Function()
        : this(Environment.GetEnvironmentVariable, Console.Out, InvocationBudget.FromEnvironment(), TimeProvider.System, table => new DynamoDbHealingStateStore(new AmazonDynamoDBClient(), table.Name, table.Cluster))
    {
    }

    public Function(Func<string, string?> variable, TextWriter output, TimeSpan budget, TimeProvider clock, Func<(string Name, string Cluster), IHealingStateStore> durableStore)
    {
        log = new StructuredLog(output);
        this.budget = budget;
        var settings = HealerSettings.FromEnvironment(variable);
        var store = settings.Policy.RestartsEnabled ? durableStore((settings.StateTable!, settings.ConnectCluster)) : new InProcessHealingStateStore();
        var http = new HttpClient { BaseAddress = settings.ConnectUrl, Timeout = TimeSpan.FromSeconds(15) };
        var metrics = new ConnectorMetrics(output, settings.ConnectCluster);
        healerFactory = () => new Healer(new ConnectClient(http), store, settings.Policy, settings.ExpectedConnectors, metrics, log, clock);
    }

    public Stream Handle(Stream input)
    {
        using var cancellation = new CancellationTokenSource(budget);
        try
        {
            var report = healerFactory().RunAsync(cancellation.Token).GetAwaiter().GetResult();
            return new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new
            {
                connectors = report.Decisions.ToDictionary(decision => decision.Connector, decision => decision.Verdict.ToString()),
                restarted = report.Restarted,
                lostRace = report.LostRace,
            }));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // A failed invocation is what the healer's error alarm counts.
            var reason = $"Kafka Connect did not answer within the invocation's {InvocationBudget.Describe(budget)} s (the REST endpoint may be unreachable or every worker down)";
            log.Error("timed out", new() { ["reason"] = reason });
            throw new TimeoutException(reason);
        }
    }
}

/// <summary>The healer's settings, read once from the environment; a missing or bad value names the variable.</summary>
public sealed record HealerSettings(Uri ConnectUrl, string ConnectCluster, IReadOnlyList<string> ExpectedConnectors, string? StateTable, HealingPolicy Policy)
{
    public static HealerSettings FromEnvironment(Func<string, string?> variable)
    {
        var policy = HealingPolicy.FromEnvironment(variable);
        var url = Required(variable, Function.ConnectUrlVariable);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var connectUrl) || connectUrl.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{Function.ConnectUrlVariable} is '{url}': use the Connect REST URL, e.g. http://connect.internal:8083/");
        }

        var table = variable(Function.StateTableVariable);
        if (policy.RestartsEnabled && string.IsNullOrWhiteSpace(table))
        {
            throw new InvalidOperationException($"{Function.StateTableVariable} is not set: the restart mode remembers restarts in DynamoDB");
        }

        var expected = (variable(Function.ExpectedConnectorsVariable) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new HealerSettings(connectUrl, Required(variable, Function.ConnectClusterVariable), expected, table, policy);
    }

    private static string Required(Func<string, string?> variable, string name) =>
        variable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set");
}
