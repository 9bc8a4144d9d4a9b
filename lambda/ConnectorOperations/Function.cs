using System.Text.Json;
using ConnectRest;
using CustomResources;
using MySqlConnector;
using KafkaConnectCdk.Contracts;

namespace ConnectorOperations;

/// <summary>
/// The operators' entry point (managed runtime dotnet10, Stream in and out; no Amazon.Lambda packages):
/// <c>ConnectorOperations::ConnectorOperations.Function::Handle</c>, invoked with <c>aws lambda invoke</c> (IAM decides
/// who may). Its answer is JSON: the result, or <c>{"refused": "..."}</c> when nothing was changed.
/// </summary>
public sealed class Function
{
    public const string ConnectUrlVariable = OperationsEnvironment.ConnectUrl;
    public const string DatabaseHostVariable = OperationsEnvironment.DatabaseHost;
    public const string DatabasePortVariable = OperationsEnvironment.DatabasePort;
    public const string ConnectorSecretVariable = OperationsEnvironment.ConnectorSecretArn;

    /// <summary>Who owns the connectors' state: <see cref="RestStateOwner"/> (the default) or <see cref="StrimziStateOwner"/>.</summary>
    public const string StateOwnerVariable = OperationsEnvironment.StateOwner;
    public const string RestStateOwner = ManagementModes.Rest;
    public const string StrimziStateOwner = ManagementModes.Strimzi;

    private readonly Operator operations;
    private readonly StructuredLog log;
    private readonly TimeSpan budget;

    public Function()
        : this(
            Environment.GetEnvironmentVariable,
            Console.Out,
            InvocationBudget.FromEnvironment(),
            new ParametersAndSecretsExtension(new HttpClient { BaseAddress = new Uri($"http://localhost:{ParametersAndSecretsExtension.DefaultPort}") }),
            MySqlSslMode.Required)
    {
    }

    public Function(Func<string, string?> variable, TextWriter output, TimeSpan budget, ISecretSource secrets, MySqlSslMode sslMode, ISignalWriter? signals = null)
    {
        log = new StructuredLog(output);
        this.budget = budget;
        var url = Required(variable, ConnectUrlVariable);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var connectUrl) || connectUrl.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{ConnectUrlVariable} is '{url}': use the Connect REST URL, e.g. http://connect.internal:8083/");
        }

        signals ??= new MySqlSignalWriter(
            secrets,
            Required(variable, ConnectorSecretVariable),
            Required(variable, DatabaseHostVariable),
            int.Parse(Required(variable, DatabasePortVariable), System.Globalization.CultureInfo.InvariantCulture),
            sslMode);
        var stateOwner = variable(StateOwnerVariable) is { Length: > 0 } owner ? owner : RestStateOwner;
        if (stateOwner is not (RestStateOwner or StrimziStateOwner))
        {
            throw new InvalidOperationException($"{StateOwnerVariable} is '{stateOwner}': use '{RestStateOwner}' or '{StrimziStateOwner}'");
        }

        operations = new Operator(new ConnectClient(new HttpClient { BaseAddress = connectUrl, Timeout = TimeSpan.FromSeconds(15) }), signals, log, stateOwner == StrimziStateOwner);
    }

    public Stream Handle(Stream input)
    {
        using var cancellation = new CancellationTokenSource(budget);
        using var reader = new StreamReader(input);
        try
        {
            var request = OperationRequest.Parse(reader.ReadToEnd());
            return Json(operations.RunAsync(request, cancellation.Token).GetAwaiter().GetResult());
        }
        catch (RefusedException refused)
        {
            // A refusal is an answer, not a failure: the operator reads it in the output file.
            log.Warn("refused", new() { ["reason"] = refused.Message });
            return Json(new System.Text.Json.Nodes.JsonObject { ["refused"] = refused.Message });
        }
        catch (ConnectApiException rejected)
        {
            log.Error("Kafka Connect rejected the request", new() { ["reason"] = rejected.Message });
            return Json(new System.Text.Json.Nodes.JsonObject { ["refused"] = $"Kafka Connect rejected the request: {rejected.Message}" });
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            var reason = $"Kafka Connect did not answer within the invocation's {InvocationBudget.Describe(budget)} s (the REST endpoint may be unreachable or every worker down)";
            log.Error("timed out", new() { ["reason"] = reason });
            throw new TimeoutException(reason);
        }
    }

    private static MemoryStream Json(System.Text.Json.Nodes.JsonNode node) => new(JsonSerializer.SerializeToUtf8Bytes(node));

    private static string Required(Func<string, string?> variable, string name) =>
        variable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set");
}
