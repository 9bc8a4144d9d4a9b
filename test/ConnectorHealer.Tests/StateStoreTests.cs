using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace ConnectorHealer.Tests;

[Trait("Category", "Unit")]
public sealed class StateStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeDynamoDb dynamo = new();
    private readonly AmazonDynamoDBClient client;

    public StateStoreTests()
    {
        client = new AmazonDynamoDBClient(new BasicAWSCredentials("AKIDEXAMPLE", "not-a-secret"), new AmazonDynamoDBConfig
        {
            ServiceURL = dynamo.BaseUrl,
            AuthenticationRegion = "eu-west-1",
            MaxErrorRetry = 0,
        });
    }

    public void Dispose()
    {
        client.Dispose();
        dynamo.Dispose();
    }

    [Fact]
    public async Task Memory_round_trips_through_DynamoDB_with_a_version_per_save()
    {
        var store = new DynamoDbHealingStateStore(client, "healer-state", "kcc-test");
        var state = new HealingState(new Dictionary<string, ConnectorMemory> { ["orders"] = new([Start], 1, Start) });

        var empty = await store.LoadAsync(CancellationToken.None);
        Assert.True(await store.TrySaveAsync(state, empty.Version, CancellationToken.None));
        var saved = await store.LoadAsync(CancellationToken.None);

        Assert.Equal(0, empty.Version);
        Assert.Empty(empty.State.Connectors);
        Assert.Equal(1, saved.Version);
        Assert.True(saved.State.SameAs(state));
        Assert.Equal("healer-state", (string?)dynamo.PutRequests.Single()["TableName"]);
    }

    [Fact]
    public async Task A_save_based_on_a_stale_read_is_refused()
    {
        var store = new DynamoDbHealingStateStore(client, "healer-state", "kcc-test");
        var read = await store.LoadAsync(CancellationToken.None);
        Assert.True(await store.TrySaveAsync(HealingState.Empty, read.Version, CancellationToken.None));

        // Both the first-ever write and a later one check what they read.
        Assert.False(await store.TrySaveAsync(HealingState.Empty, read.Version, CancellationToken.None));
        var current = await store.LoadAsync(CancellationToken.None);
        Assert.True(await store.TrySaveAsync(HealingState.Empty, current.Version, CancellationToken.None));
        Assert.False(await store.TrySaveAsync(HealingState.Empty, current.Version, CancellationToken.None));
    }

    [Fact]
    public async Task Clusters_keep_separate_memories()
    {
        var dev = new DynamoDbHealingStateStore(client, "healer-state", "kcc-dev");
        var prod = new DynamoDbHealingStateStore(client, "healer-state", "kcc-prod");
        var state = new HealingState(new Dictionary<string, ConnectorMemory> { ["orders"] = new([Start], 1, Start) });

        Assert.True(await dev.TrySaveAsync(state, 0, CancellationToken.None));

        Assert.Empty((await prod.LoadAsync(CancellationToken.None)).State.Connectors);
    }
}
