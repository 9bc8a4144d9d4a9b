using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ConnectorHealer.Tests;

/// <summary>
/// The two DynamoDB JSON-protocol operations the state store uses (GetItem, PutItem with the store's two condition
/// forms) on 127.0.0.1, so that the real AWS SDK client is exercised end to end: serialization, the condition, and the
/// ConditionalCheckFailedException it maps a 400 to.
/// </summary>
public sealed class FakeDynamoDb : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Dictionary<string, JsonObject> items = [];
    private readonly Task serving;

    public FakeDynamoDb()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            BaseUrl = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
        }

        listener.Prefixes.Add(BaseUrl);
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public List<JsonObject> PutRequests { get; } = [];

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var request = JsonNode.Parse(await new StreamReader(context.Request.InputStream).ReadToEndAsync())!.AsObject();
            var (status, reply) = context.Request.Headers["X-Amz-Target"] switch
            {
                "DynamoDB_20120810.GetItem" => GetItem(request),
                "DynamoDB_20120810.PutItem" => PutItem(request),
                var other => (400, new JsonObject { ["__type"] = "com.amazon.coral.service#UnknownOperationException", ["message"] = $"{other}" }),
            };
            var bytes = Encoding.UTF8.GetBytes(reply.ToJsonString());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-amz-json-1.0";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int, JsonObject) GetItem(JsonObject request)
    {
        lock (items)
        {
            return items.TryGetValue(KeyOf(request["Key"]!), out var item)
                ? (200, new JsonObject { ["Item"] = item.DeepClone() })
                : (200, []);
        }
    }

    private (int, JsonObject) PutItem(JsonObject request)
    {
        lock (items)
        {
            PutRequests.Add((JsonObject)request.DeepClone());
            var item = request["Item"]!.AsObject();
            var key = KeyOf(item);
            items.TryGetValue(key, out var existing);
            var condition = (string?)request["ConditionExpression"];
            var holds = condition switch
            {
                "attribute_not_exists(#key)" => existing is null,
                "#version = :read" => existing is not null && (string?)existing["version"]!["N"] == (string?)request["ExpressionAttributeValues"]![":read"]!["N"],
                _ => throw new InvalidOperationException($"unexpected condition {condition}"),
            };
            if (!holds)
            {
                return (400, new JsonObject { ["__type"] = "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", ["message"] = "The conditional request failed" });
            }

            items[key] = (JsonObject)item.DeepClone();
            return (200, []);
        }
    }

    private static string KeyOf(JsonNode item) => (string)item["cluster"]!["S"]!;
}
