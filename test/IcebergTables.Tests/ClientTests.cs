using System.Text.Json.Nodes;
using CustomResources;

namespace IcebergTableSync.Tests;

[Trait("Category", "Unit")]
public sealed class ClientTests : IDisposable
{
    private readonly FakeAws fake = new();
    private readonly HttpClient http = new();

    public void Dispose()
    {
        http.Dispose();
        fake.Dispose();
    }

    private AwsJsonClient Client(AwsService service, SigningCredentials? credentials = null) =>
        new(http, service, FakeAws.Region, _ => Task.FromResult(credentials ?? FakeAws.Credentials), TimeProvider.System);

    private AwsJsonClient Glue(SigningCredentials? credentials = null) => Client(AwsService.Glue(FakeAws.Region, fake.Endpoint), credentials);

    private AwsJsonClient Athena() => Client(AwsService.Athena(FakeAws.Region, fake.Endpoint));

    [Fact]
    public void The_default_endpoints_are_the_regional_service_endpoints()
    {
        // https://docs.aws.amazon.com/general/latest/gr/glue.html and .../athena.html: glue.<region>.amazonaws.com, athena.<region>.amazonaws.com.
        Assert.Equal(new Uri("https://glue.eu-west-1.amazonaws.com"), AwsService.Glue("eu-west-1").Endpoint);
        Assert.Equal(new Uri("https://athena.eu-west-1.amazonaws.com"), AwsService.Athena("eu-west-1").Endpoint);
    }

    [Fact]
    public async Task A_request_is_an_awsjson_1_1_post_signed_for_its_service()
    {
        fake.Tables["t"] = FakeAws.IcebergTable("t", ("id", "int"));

        await new GlueCatalog(Glue()).GetTableAsync("db", "t", CancellationToken.None);

        // aws-sdk-js-v3 client-glue serializeAws_json1_1GetTableCommand: x-amz-target AWSGlue.GetTable, content-type application/x-amz-json-1.1.
        var (target, body, headers) = Assert.Single(fake.Requests);
        Assert.Equal("AWSGlue.GetTable", target);
        Assert.Equal("application/x-amz-json-1.1", headers["content-type"]);
        Assert.Equal("""{"DatabaseName":"db","Name":"t"}""", body.ToJsonString());
        Assert.Equal("session-token", headers["x-amz-security-token"]);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,", headers["authorization"], StringComparison.Ordinal);
        Assert.Contains($"/{FakeAws.Region}/glue/aws4_request", headers["authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_signature_surfaces_as_the_services_error()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new GlueCatalog(Glue(FakeAws.Credentials with { SecretKey = "wrong" })).GetTableAsync("db", "t", CancellationToken.None));

        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.Equal(403, error.Status);
    }

    [Fact]
    public async Task An_absent_table_is_null_and_a_present_one_has_its_type_and_current_columns()
    {
        var table = FakeAws.IcebergTable("t", ("id", "int"), ("dropped", "string"));
        table["StorageDescriptor"]!["Columns"]![1]!["Parameters"]!["iceberg.field.current"] = "false";
        fake.Tables["t"] = table;
        var catalog = new GlueCatalog(Glue());

        Assert.Null(await catalog.GetTableAsync("db", "absent", CancellationToken.None));
        var found = await catalog.GetTableAsync("db", "t", CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal("ICEBERG", found.TableType);
        Assert.Equal([new TableColumn("id", "int")], found.Columns);
    }

    [Theory]
    [InlineData("EntityNotFoundException", "EntityNotFoundException")]
    [InlineData("com.amazonaws.glue#EntityNotFoundException", "EntityNotFoundException")]
    [InlineData("aws.protocoltests#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError")]
    // The ':' cut comes first, so a '#' in the URL after it is not taken for the namespace separator.
    [InlineData("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/#frag", "FooError")]
    public void Error_types_are_cut_to_the_shape_name(string wire, string expected) =>
        // smithy.io aws-json-1_1 protocol, "Operation error serialization": drop a namespace before '#' and anything after ':'.
        Assert.Equal(expected, AwsJsonClient.SanitizeErrorType(wire));

    [Fact]
    public async Task A_query_runs_in_the_workgroup_and_database_until_it_succeeds()
    {
        await new AthenaQueries(Athena(), "kcc-dev-lakehouse", "kcc_dev_lakehouse", TimeSpan.FromMilliseconds(10)).RunAsync("CREATE TABLE `kcc_dev_lakehouse`.`t` (`id` int) LOCATION 's3://b/warehouse/t' TBLPROPERTIES ('table_type'='ICEBERG')", CancellationToken.None);

        var start = fake.Requests.First(request => request.Target == "AmazonAthena.StartQueryExecution").Body;
        Assert.Equal("kcc-dev-lakehouse", (string?)start["WorkGroup"]);
        Assert.Equal("""{"Catalog":"AwsDataCatalog","Database":"kcc_dev_lakehouse"}""", start["QueryExecutionContext"]!.ToJsonString());
        Assert.Null(start["ResultConfiguration"]);
        Assert.Equal(2, fake.Requests.Count(request => request.Target == "AmazonAthena.GetQueryExecution"));
    }

    [Fact]
    public async Task A_failed_query_throws_athenas_reason_and_the_statement()
    {
        fake.FailingStatement = "ALTER TABLE `db`.`t` ADD COLUMNS (`x` int)";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new AthenaQueries(Athena(), "wg", "db", TimeSpan.FromMilliseconds(10)).RunAsync(fake.FailingStatement, CancellationToken.None));

        Assert.Contains("FAILED: HIVE_METASTORE_ERROR: access denied", error.Message, StringComparison.Ordinal);
        Assert.Contains(fake.FailingStatement, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Polling_stops_when_the_budget_is_spent()
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new AthenaQueries(Athena(), "wg", "db", TimeSpan.FromSeconds(30)).RunAsync("SELECT 1", budget.Token));
    }

    [Fact]
    public void The_log_never_shows_the_session_token()
    {
        var output = new StringWriter();
        new StructuredLog(output).Info("x", new() { ["sessionToken"] = FakeAws.Credentials.SessionToken });

        Assert.DoesNotContain(FakeAws.Credentials.SessionToken!, output.ToString(), StringComparison.Ordinal);
    }
}
