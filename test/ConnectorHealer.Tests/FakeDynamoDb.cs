using System.Net;
using System.Text.Json.Nodes;
using KafkaConnect.Fake;

namespace ConnectorHealer.Tests;

/// <summary>
/// The two DynamoDB JSON-protocol operations the state store uses (GetItem, PutItem with the store's two condition
/// forms) on 127.0.0.1, so that the real AWS SDK client is exercised end to end: serialization, the condition, and the
/// ConditionalCheckFailedException it maps a 400 to.
/// </summary>
public sealed class FakeDynamoDb : LoopbackJsonServer
{
    private readonly Dictionary<string, JsonObject> items = [];

    public FakeDynamoDb() : base("application/x-amz-json-1.0") => Start();

    public string BaseUrl => Server + "/";

    public List<JsonObject> PutRequests { get; } = [];

    protected override (int Status, JsonNode Body) Answer(HttpListenerRequest httpRequest)
    {
        using var reader = new StreamReader(httpRequest.InputStream);
        var request = JsonNode.Parse(reader.ReadToEnd())!.AsObject();
        return httpRequest.Headers["X-Amz-Target"] switch
        {
            "DynamoDB_20120810.GetItem" => GetItem(request),
            "DynamoDB_20120810.PutItem" => PutItem(request),
            var other => (400, new JsonObject { ["__type"] = "com.amazon.coral.service#UnknownOperationException", ["message"] = $"{other}" }),
        };
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
