using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace IcebergTableSync;

/// <summary>An AWS service answered with an error: its type (e.g. EntityNotFoundException), message and HTTP status.</summary>
public sealed class AwsServiceException(string service, string operation, int status, string errorType, string message)
    : Exception($"{service} {operation} failed with {status} {errorType}: {message}")
{
    public string ErrorType { get; } = errorType;

    public int Status { get; } = status;
}

/// <summary>Where to reach one service and how to sign for it.</summary>
/// <param name="Endpoint">e.g. https://glue.eu-west-1.amazonaws.com (tests: the fake's loopback URL).</param>
/// <param name="SigningName">The SigV4 service name: <c>glue</c>, <c>athena</c>.</param>
/// <param name="TargetPrefix">The X-Amz-Target prefix: <c>AWSGlue</c>, <c>AmazonAthena</c>.</param>
public sealed record AwsService(Uri Endpoint, string SigningName, string TargetPrefix)
{
    public static AwsService Glue(string region, Uri? endpoint = null) =>
        new(endpoint ?? new Uri($"https://glue.{region}.amazonaws.com"), "glue", "AWSGlue");

    public static AwsService Athena(string region, Uri? endpoint = null) =>
        new(endpoint ?? new Uri($"https://athena.{region}.amazonaws.com"), "athena", "AmazonAthena");
}

/// <summary>
/// The awsJson1_1 protocol (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html): POST / with the input as
/// a JSON body, <c>X-Amz-Target: Prefix.Operation</c> and <c>Content-Type: application/x-amz-json-1.1</c>, signed with
/// SigV4. Errors carry their type in the X-Amzn-ErrorType header or the body's <c>__type</c>, possibly as
/// <c>namespace#Name:url</c>, which the protocol says to cut to <c>Name</c>.
/// </summary>
public sealed class AwsJsonClient(HttpClient http, AwsService service, string region, Func<CancellationToken, Task<SigningCredentials>> credentials, TimeProvider clock)
{
    public const string ContentType = "application/x-amz-json-1.1";

    public async Task<JsonObject> CallAsync(string operation, JsonObject input, CancellationToken cancellation)
    {
        var body = Encoding.UTF8.GetBytes(input.ToJsonString());
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["content-type"] = ContentType,
            ["x-amz-target"] = $"{service.TargetPrefix}.{operation}",
        };
        var authorization = SigV4.SignPost(service.Endpoint, headers, body, await credentials(cancellation), region, service.SigningName, clock.GetUtcNow().UtcDateTime);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(service.Endpoint, "/"));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        foreach (var (name, value) in headers.Where(pair => !pair.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request, cancellation);
        var text = await response.Content.ReadAsStringAsync(cancellation);
        var json = ParseObject(text);
        if (response.IsSuccessStatusCode)
        {
            return json ?? throw new AwsServiceException(service.SigningName, operation, (int)response.StatusCode, "InvalidResponse", "the answer is not a JSON object");
        }

        var headerType = response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        var type = SanitizeErrorType(headerType ?? (string?)json?["__type"] ?? $"Http{(int)response.StatusCode}");
        var message = (string?)json?["message"] ?? (string?)json?["Message"] ?? text;
        throw new AwsServiceException(service.SigningName, operation, (int)response.StatusCode, type, message);
    }

    /// <summary>
    /// <c>aws.glue#EntityNotFoundException:http://internal.amazon.com/</c> becomes <c>EntityNotFoundException</c>: as the
    /// awsJson protocol specifies (smithy aws-json, "Operation error serialization"), first drop everything from the first
    /// ':' on, then keep what follows the first '#'.
    /// </summary>
    public static string SanitizeErrorType(string type)
    {
        var colon = type.IndexOf(':', StringComparison.Ordinal);
        var name = colon >= 0 ? type[..colon] : type;
        return name[(name.IndexOf('#', StringComparison.Ordinal) + 1)..];
    }

    private static JsonObject? ParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
