using ConnectRest;
using CustomResources;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ConnectorRegistrar;
using KafkaConnect.Fake;

// Registers 1 and then 20 connectors against the fake Kafka Connect REST API with a fixed latency per call, the way
// CloudFormation drives them: one custom resource per connector, created concurrently, each an onEvent followed by
// isComplete polls. Prints the median wall time of each size over several rounds and their ratio.
var latency = TimeSpan.FromMilliseconds(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50);
var publishDirectory = args.Length > 1 ? args[1] : null;
const int Rounds = 5;
var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "create.json"));

async Task<TimeSpan> RegisterAsync(int connectors)
{
    using var connect = new FakeKafkaConnect { Latency = latency, PollsUntilRunning = 1 };
    var registrar = new Registrar(url => new ConnectClient(new HttpClient { BaseAddress = url }), new StructuredLog(TextWriter.Null));
    var stopwatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, connectors).Select(async index =>
    {
        var json = JsonNode.Parse(template.Replace("http://connect.invalid:8083/", connect.BaseUrl.ToString(), StringComparison.Ordinal))!;
        json["ResourceProperties"]!["ConnectorName"] = $"connector-{index}";
        var request = CustomResourceEventParser.Parse(json.ToJsonString());
        await registrar.OnEventAsync(request, CancellationToken.None);
        while (!(await registrar.IsCompleteAsync(request, TimeSpan.FromSeconds(5), CancellationToken.None)).IsComplete)
        {
        }
    }));
    return stopwatch.Elapsed;
}

TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);

// The first registration of the process includes loading and JIT-compiling the handler: the start-up cost.
var firstCall = await RegisterAsync(1);
var one = new List<TimeSpan>();
var twenty = new List<TimeSpan>();
for (var round = 0; round < Rounds; round++)
{
    one.Add(await RegisterAsync(1));
    twenty.Add(await RegisterAsync(20));
}

Console.WriteLine($"latency per call: {latency.TotalMilliseconds} ms, rounds: {Rounds}");
Console.WriteLine($"1 connector:   median {Median(one).TotalMilliseconds:F0} ms");
Console.WriteLine($"20 connectors: median {Median(twenty).TotalMilliseconds:F0} ms");
Console.WriteLine($"ratio 20/1:    {Median(twenty) / Median(one):F2} (target: under 2)");
Console.WriteLine($"first registration in a new process (start-up + JIT): {firstCall.TotalMilliseconds:F0} ms");

if (publishDirectory is not null)
{
    var zip = Path.Combine(Path.GetTempPath(), $"registrar-{Guid.NewGuid():N}.zip");
    System.IO.Compression.ZipFile.CreateFromDirectory(publishDirectory, zip, System.IO.Compression.CompressionLevel.Optimal, includeBaseDirectory: false);
    Console.WriteLine($"zipped deployment package: {new FileInfo(zip).Length / 1024.0:F0} KiB (target: under 1024 KiB)");
    File.Delete(zip);
}
