using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KafkaConnect.Fake;

namespace IcebergTableSync.Tests;

/// <summary>
/// Glue GetTable and Athena StartQueryExecution / GetQueryExecution over awsJson1_1 on 127.0.0.1. Like the services,
/// it checks the request's SigV4 signature (recomputed from the headers the request says it signed, with the secret
/// it knows) and answers 403 when it does not match. Athena statements are recorded; a query is RUNNING once, then
/// SUCCEEDED unless it matches <see cref="FailingStatement"/>. A successful CREATE TABLE or ADD COLUMNS changes the
/// fake's Glue tables, as Athena's DDL does.
/// </summary>
public sealed class FakeAws : LoopbackJsonServer
{
    public const string Region = "eu-west-1";
    public static readonly SigningCredentials Credentials = new("AKIDEXAMPLE", "secret/EXAMPLE", "session-token");

    private readonly Dictionary<string, int> polls = [];
    private readonly Dictionary<string, string> queries = [];

    public FakeAws() : base("application/x-amz-json-1.1") => Start();

    public Uri Endpoint => new(Server);

    /// <summary>Glue tables by name: the table JSON GetTable returns under "Table".</summary>
    public Dictionary<string, JsonObject> Tables { get; } = [];

    public List<(string Target, JsonObject Body, Dictionary<string, string> Headers)> Requests { get; } = [];

    public List<string> Statements { get; } = [];

    public string? FailingStatement { get; set; }

    public static JsonObject IcebergTable(string name, params (string Name, string Type)[] columns) => new()
    {
        ["Name"] = name,
        ["Parameters"] = new JsonObject { ["table_type"] = "ICEBERG", ["metadata_location"] = $"s3://bucket/warehouse/{name}/metadata/00000.metadata.json" },
        ["StorageDescriptor"] = new JsonObject
        {
            ["Columns"] = new JsonArray([.. columns.Select(column => (JsonNode)new JsonObject
            {
                ["Name"] = column.Name,
                ["Type"] = column.Type,
                ["Parameters"] = new JsonObject { ["iceberg.field.current"] = "true" },
            })]),
        },
    };

    protected override (int Status, JsonNode Body) Answer(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var headers = request.Headers.AllKeys.Where(key => key is not null).ToDictionary(key => key!.ToLowerInvariant(), key => request.Headers[key]!);
        var target = headers.GetValueOrDefault("x-amz-target") ?? "";
        var body = JsonNode.Parse(text)!.AsObject();
        lock (Requests)
        {
            Requests.Add((target, body, headers));
            if (!SignatureMatches(headers, Encoding.UTF8.GetBytes(text), target.StartsWith("AWSGlue.", StringComparison.Ordinal) ? "glue" : "athena"))
            {
                return (403, new JsonObject { ["__type"] = "InvalidSignatureException", ["message"] = "The request signature we calculated does not match the signature you provided." });
            }

            return target switch
            {
                "AWSGlue.GetTable" => GetTable(body),
                "AmazonAthena.StartQueryExecution" => StartQuery(body),
                "AmazonAthena.GetQueryExecution" => GetQuery(body),
                _ => (400, new JsonObject { ["__type"] = "com.amazon.coral.service#UnknownOperationException", ["message"] = target }),
            };
        }
    }

    private static bool SignatureMatches(Dictionary<string, string> headers, byte[] body, string service)
    {
        var authorization = headers.GetValueOrDefault("authorization") ?? "";
        var signedNames = authorization.Split("SignedHeaders=").ElementAtOrDefault(1)?.Split(',')[0].Split(';') ?? [];
        var signed = SigV4.CanonicalHeaders(signedNames.Select(name => (name, headers.GetValueOrDefault(name) ?? "")));
        var canonical = SigV4.CanonicalRequest("POST", "/", "", signed, SigV4.PayloadHash(body));
        var date = DateTime.ParseExact(headers.GetValueOrDefault("x-amz-date") ?? "", "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        return authorization == SigV4.Authorization(Credentials, Region, service, date, signed, canonical);
    }

    private (int, JsonNode) GetTable(JsonObject body)
    {
        var name = (string)body["Name"]!;
        return Tables.TryGetValue(name, out var table)
            ? (200, new JsonObject { ["Table"] = table.DeepClone() })
            : (400, new JsonObject { ["__type"] = "EntityNotFoundException", ["Message"] = $"Table {name} not found." });
    }

    private (int, JsonNode) StartQuery(JsonObject body)
    {
        var statement = (string)body["QueryString"]!;
        var id = $"query-{queries.Count + 1}";
        queries[id] = statement;
        Statements.Add(statement);
        return (200, new JsonObject { ["QueryExecutionId"] = id });
    }

    private (int, JsonNode) GetQuery(JsonObject body)
    {
        var id = (string)body["QueryExecutionId"]!;
        if (!queries.TryGetValue(id, out var statement))
        {
            return (400, new JsonObject { ["__type"] = "InvalidRequestException", ["Message"] = $"QueryExecution {id} was not found" });
        }

        polls[id] = polls.GetValueOrDefault(id) + 1;
        var state = polls[id] == 1 ? "RUNNING" : statement == FailingStatement ? "FAILED" : "SUCCEEDED";
        if (state == "SUCCEEDED" && polls[id] == 2)
        {
            Apply(statement);
        }

        return (200, new JsonObject
        {
            ["QueryExecution"] = new JsonObject
            {
                ["QueryExecutionId"] = id,
                ["Status"] = new JsonObject { ["State"] = state, ["StateChangeReason"] = state == "FAILED" ? "HIVE_METASTORE_ERROR: access denied" : null },
            },
        });
    }

    /// <summary>The effect on Glue of the two statements this function sends (their shape is pinned by AthenaDdlTests).</summary>
    private void Apply(string statement)
    {
        var name = statement.Split('`')[3];
        var list = ColumnList(statement).Select(column => (column.Name, column.Type)).ToArray();
        if (statement.StartsWith("CREATE TABLE", StringComparison.Ordinal))
        {
            Tables[name] = IcebergTable(name, list);
        }
        else
        {
            var existing = Tables[name]["StorageDescriptor"]!["Columns"]!.AsArray();
            foreach (var (columnName, type) in list)
            {
                existing.Add(new JsonObject { ["Name"] = columnName, ["Type"] = type });
            }
        }
    }

    private static IEnumerable<(string Name, string Type)> ColumnList(string statement)
    {
        var start = statement.IndexOf('(', StringComparison.Ordinal) + 1;
        var end = statement.Contains(") LOCATION", StringComparison.Ordinal) ? statement.IndexOf(") LOCATION", StringComparison.Ordinal) : statement.LastIndexOf(')');
        var parts = statement[start..end].Split('`', StringSplitOptions.RemoveEmptyEntries);
        for (var index = 0; index + 1 < parts.Length; index += 2)
        {
            yield return (parts[index], parts[index + 1].Trim().TrimEnd(',').Trim());
        }
    }
}
