using System.Text.Json;
using CustomResources;
using MySqlConnector;

namespace DatabaseBootstrap;

/// <summary>
/// The Lambda entry point (managed runtime dotnet10, Stream in and out): <c>DatabaseBootstrap::DatabaseBootstrap.Function::OnEvent</c>,
/// a Provider framework onEvent handler. Secrets come from the Parameters and Secrets extension; TLS is required.
/// </summary>
public sealed class Function
{
    private readonly Bootstrapper bootstrapper;
    private readonly StructuredLog log;
    private readonly TimeSpan budget;

    public Function()
        : this(
            new ParametersAndSecretsExtension(new HttpClient { BaseAddress = new Uri($"http://localhost:{ParametersAndSecretsExtension.DefaultPort}") }),
            new StructuredLog(Console.Out),
            MySqlSslMode.Required,
            InvocationBudget.FromEnvironment())
    {
    }

    public Function(ISecretSource secrets, StructuredLog log, MySqlSslMode sslMode, TimeSpan budget, TimeSpan? firstRetryDelay = null)
    {
        this.log = log;
        this.budget = budget;
        bootstrapper = new Bootstrapper(secrets, log, sslMode, firstRetryDelay);
    }

    public Stream OnEvent(Stream input)
    {
        using var cancellation = new CancellationTokenSource(budget);
        using var reader = new StreamReader(input);
        try
        {
            var request = BootstrapRequest.Parse(reader.ReadToEnd());
            log.Info("onEvent", new() { ["requestType"] = request.RequestType, ["host"] = request.DatabaseHost, ["snapshotMode"] = request.SnapshotMode });
            var physicalId = bootstrapper.RunAsync(request, cancellation.Token).GetAwaiter().GetResult();
            return new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["PhysicalResourceId"] = physicalId }));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            var reason = $"the database did not accept a connection within the invocation's {InvocationBudget.Describe(budget)} s (is the instance available, and does its security group admit the bootstrap function?)";
            log.Error("timed out", new() { ["reason"] = reason });
            throw new TimeoutException(reason);
        }
        catch (Exception exception) when (exception is InvalidEventException or InvalidOperationException or MySqlException)
        {
            log.Error("failed", new() { ["reason"] = exception.Message });
            throw;
        }
    }
}
