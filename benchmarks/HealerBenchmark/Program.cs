using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using ConnectorHealer;
using ConnectRest;
using CustomResources;
using KafkaConnect.Fake;

// One healing run against the fake Kafka Connect REST API with a fixed latency per call: N healthy connectors (one
// list call, whatever N), then N failed ones (plus one restart call each, made one after the other). Prints medians
// over several rounds, so that the run's time against the function timeout and the one-minute schedule is known.
var latency = TimeSpan.FromMilliseconds(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50);
var publishDirectory = args.Length > 1 ? args[1] : null;
const int Rounds = 5;
var policy = new HealingPolicy(RestartsEnabled: true, FirstBackoff: TimeSpan.FromMinutes(1), MaxBackoff: TimeSpan.FromMinutes(30), MaxRestartsPerHour: 6, StableAfter: TimeSpan.FromMinutes(10));

async Task<TimeSpan> RunAsync(int connectors, bool failed)
{
    using var connect = new FakeKafkaConnect { PollsUntilRunning = 1 };
    using var http = new HttpClient { BaseAddress = connect.BaseUrl };
    var names = Enumerable.Range(0, connectors).Select(index => $"connector-{index}").ToList();
    foreach (var name in names)
    {
        (await http.PutAsJsonAsync($"connectors/{name}/config", new Dictionary<string, string> { ["connector.class"] = "x" })).EnsureSuccessStatusCode();
        await http.GetAsync($"connectors/{name}/status");
        if (failed)
        {
            connect.FailTask(name);
        }
    }

    connect.Latency = latency;
    var healer = new Healer(new ConnectClient(http), new InProcessHealingStateStore(), policy, names, new ConnectorMetrics(TextWriter.Null, "bench"), new StructuredLog(TextWriter.Null), TimeProvider.System);
    var stopwatch = Stopwatch.StartNew();
    var report = await healer.RunAsync(CancellationToken.None);
    stopwatch.Stop();
    return report.Restarted.Count == (failed ? connectors : 0) ? stopwatch.Elapsed : throw new InvalidOperationException("unexpected restarts");
}

TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);

var firstRun = await RunAsync(1, failed: false);
Console.WriteLine($"latency per call: {latency.TotalMilliseconds} ms, rounds: {Rounds}");
foreach (var (connectors, failed) in new[] { (1, false), (50, false), (1, true), (10, true), (50, true) })
{
    var times = new List<TimeSpan>();
    for (var round = 0; round < Rounds; round++)
    {
        times.Add(await RunAsync(connectors, failed));
    }

    Console.WriteLine($"{connectors,3} connectors, {(failed ? "all failed " : "all healthy")}: median {Median(times).TotalMilliseconds:F0} ms");
}

Console.WriteLine($"first run in a new process (start-up + JIT): {firstRun.TotalMilliseconds:F0} ms");
if (publishDirectory is not null)
{
    var zip = Path.Combine(Path.GetTempPath(), $"healer-{Guid.NewGuid():N}.zip");
    System.IO.Compression.ZipFile.CreateFromDirectory(publishDirectory, zip, System.IO.Compression.CompressionLevel.Optimal, includeBaseDirectory: false);
    Console.WriteLine($"zipped deployment package: {new FileInfo(zip).Length / 1024.0:F0} KiB");
    File.Delete(zip);
}
