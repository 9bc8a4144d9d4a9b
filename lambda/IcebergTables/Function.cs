using System.Text.Json;
using Amazon.Runtime.Credentials;
using CustomResources;

namespace IcebergTableSync;

/// <summary>
/// The Lambda entry point (managed runtime dotnet10, Stream in and out): <c>IcebergTables::IcebergTableSync.Function::OnEvent</c>,
/// a Provider framework onEvent handler that keeps the lakehouse's Iceberg tables in the Glue database as the app
/// wants them, through Athena DDL rather than CloudFormation (an AWS::Glue::Table update replaces the TableInput and
/// drops the Iceberg parameters table_type and metadata_location: aws/aws-cdk#37560,
/// aws-cloudformation/cloudformation-coverage-roadmap#1919). Create and Update create absent tables and add missing
/// columns. Delete does nothing: the tables' data stays in the bucket, and the Glue database, which stays a
/// CloudFormation resource, takes its tables with it when it is deleted.
/// </summary>
public sealed class Function
{
    /// <summary>Overrides the service endpoints (tests point them at a loopback fake).</summary>
    public const string GlueEndpointVariable = "GLUE_ENDPOINT";
    public const string AthenaEndpointVariable = "ATHENA_ENDPOINT";

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly Func<ReconcileRequest, Reconciler> reconciler;
    private readonly StructuredLog log;
    private readonly TimeSpan budget;

    public Function()
        : this(Environment.GetEnvironmentVariable("AWS_REGION") ?? throw new InvalidOperationException("AWS_REGION is not set"),
            EndpointFrom(GlueEndpointVariable), EndpointFrom(AthenaEndpointVariable), DefaultCredentials, new HttpClient(), new StructuredLog(Console.Out),
            InvocationBudget.FromEnvironment(), PollInterval)
    {
    }

    public Function(string region, Uri? glueEndpoint, Uri? athenaEndpoint, Func<CancellationToken, Task<SigningCredentials>> credentials, HttpClient http,
        StructuredLog log, TimeSpan budget, TimeSpan pollInterval)
    {
        this.log = log;
        this.budget = budget;
        var glue = new AwsJsonClient(http, AwsService.Glue(region, glueEndpoint), region, credentials, TimeProvider.System);
        var athena = new AwsJsonClient(http, AwsService.Athena(region, athenaEndpoint), region, credentials, TimeProvider.System);
        reconciler = _ => new Reconciler(new GlueCatalog(glue), request => new AthenaQueries(athena, request.WorkGroup, request.Database, pollInterval), log);
    }

    public Stream OnEvent(Stream input)
    {
        using var cancellation = new CancellationTokenSource(budget);
        using var reader = new StreamReader(input);
        try
        {
            var request = RequestParser.Parse(reader.ReadToEnd());
            log.Info("onEvent", new() { ["requestType"] = request.RequestType, ["database"] = request.Database, ["tables"] = request.Tables.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (request.RequestType != "Delete")
            {
                reconciler(request).RunAsync(request, cancellation.Token).GetAwaiter().GetResult();
            }

            var physicalId = request.PhysicalResourceId ?? $"{request.Database}-iceberg-tables";
            return new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["PhysicalResourceId"] = physicalId }));
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            var reason = $"the Iceberg tables were not reconciled within the invocation's {InvocationBudget.Describe(budget)} s (is Athena queueing the workgroup's queries?); deploy again to resume";
            log.Error("timed out", new() { ["reason"] = reason });
            throw new TimeoutException(reason);
        }
        catch (Exception exception) when (exception is InvalidEventException or InvalidOperationException or AwsServiceException or ArgumentException)
        {
            log.Error("failed", new() { ["reason"] = exception.Message });
            throw;
        }
    }

    private static Uri? EndpointFrom(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? new Uri(value) : null;

    /// <summary>The SDK's default chain: on Lambda, the execution role's keys from the environment.</summary>
    private static async Task<SigningCredentials> DefaultCredentials(CancellationToken cancellation)
    {
        var credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentials().GetCredentialsAsync();
        return new SigningCredentials(credentials.AccessKey, credentials.SecretKey, credentials.UseToken ? credentials.Token : null);
    }
}
