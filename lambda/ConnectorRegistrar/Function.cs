using ConnectRest;
using System.Text.Json;
using CustomResources;

namespace ConnectorRegistrar;

/// <summary>
/// The Lambda entry points (managed runtime dotnet10, Stream in and out; no Amazon.Lambda packages):
/// <c>ConnectorRegistrar::ConnectorRegistrar.Function::OnEvent</c> and <c>ConnectorRegistrar::ConnectorRegistrar.Function::IsComplete</c>.
/// The time budget is the function timeout, passed by the CDK as INVOCATION_TIMEOUT_SECONDS, less a safety margin.
/// </summary>
public sealed class Function
{
    private readonly Func<Uri, ConnectClient> clientFor;
    private readonly StructuredLog log;
    private readonly TimeSpan budget;

    public Function()
        : this(url => new ConnectClient(new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(20) }), new StructuredLog(Console.Out), InvocationBudget.FromEnvironment())
    {
    }

    public Function(Func<Uri, ConnectClient> clientFor, StructuredLog log, TimeSpan budget)
    {
        this.clientFor = clientFor;
        this.log = log;
        this.budget = budget;
    }

    public Stream OnEvent(Stream input) => Run(input, async (request, cancellation) =>
    {
        var response = await new Registrar(clientFor, log).OnEventAsync(request, cancellation);
        return new Dictionary<string, object> { ["PhysicalResourceId"] = response.PhysicalResourceId, ["Data"] = response.Data };
    });

    public Stream IsComplete(Stream input) => Run(input, async (request, cancellation) =>
    {
        var response = await new Registrar(clientFor, log).IsCompleteAsync(request, budget / 2, cancellation);
        return new Dictionary<string, object> { ["IsComplete"] = response.IsComplete, ["Data"] = response.Data };
    });

    private Stream Run(Stream input, Func<CustomResourceEvent, CancellationToken, Task<Dictionary<string, object>>> handle)
    {
        using var cancellation = new CancellationTokenSource(budget);
        using var reader = new StreamReader(input);
        try
        {
            var request = CustomResourceEventParser.Parse(reader.ReadToEnd());
            var result = handle(request, cancellation.Token).GetAwaiter().GetResult();
            return new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(result));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The Provider framework turns a thrown exception into a FAILED response with this message.
            var reason = $"Kafka Connect did not answer within the invocation's {InvocationBudget.Describe(budget)} s (the REST endpoint may be unreachable or rolling out)";
            log.Error("timed out", new() { ["reason"] = reason });
            throw new TimeoutException(reason);
        }
        catch (Exception exception) when (exception is InvalidEventException or ConnectApiException or InvalidOperationException)
        {
            log.Error("failed", new() { ["reason"] = exception.Message });
            throw;
        }
    }
}
