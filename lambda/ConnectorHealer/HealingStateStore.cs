using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace ConnectorHealer;

/// <summary>The healer's memory with the version it was read at; version 0 means nothing is stored yet.</summary>
public sealed record StoredState(HealingState State, long Version);

public interface IHealingStateStore
{
    Task<StoredState> LoadAsync(CancellationToken cancellation);

    /// <summary>Saves the memory unless another invocation saved since it was read; false then, and nothing is written.</summary>
    Task<bool> TrySaveAsync(HealingState state, long readVersion, CancellationToken cancellation);
}

/// <summary>
/// One DynamoDB item per Connect cluster holding the memory as JSON and a version number. The conditional write is the
/// lock: two overlapping invocations cannot both claim the same restart.
/// </summary>
public sealed class DynamoDbHealingStateStore(IAmazonDynamoDB dynamo, string table, string connectCluster) : IHealingStateStore
{
    public const string KeyAttribute = "cluster";
    public const string StateAttribute = "state";
    public const string VersionAttribute = "version";

    public async Task<StoredState> LoadAsync(CancellationToken cancellation)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new Dictionary<string, AttributeValue> { [KeyAttribute] = new() { S = connectCluster } },
            ConsistentRead = true,
        }, cancellation);
        var item = response.Item;
        if (item is null || item.Count == 0)
        {
            return new StoredState(HealingState.Empty, 0);
        }

        return new StoredState(
            HealingState.FromJson(item[StateAttribute].S),
            long.Parse(item[VersionAttribute].N, NumberStyles.None, CultureInfo.InvariantCulture));
    }

    public async Task<bool> TrySaveAsync(HealingState state, long readVersion, CancellationToken cancellation)
    {
        var request = new PutItemRequest
        {
            TableName = table,
            Item = new Dictionary<string, AttributeValue>
            {
                [KeyAttribute] = new() { S = connectCluster },
                [StateAttribute] = new() { S = state.ToJson() },
                [VersionAttribute] = new() { N = (readVersion + 1).ToString(CultureInfo.InvariantCulture) },
            },
            ConditionExpression = readVersion == 0 ? "attribute_not_exists(#key)" : "#version = :read",
            ExpressionAttributeNames = readVersion == 0
                ? new Dictionary<string, string> { ["#key"] = KeyAttribute }
                : new Dictionary<string, string> { ["#version"] = VersionAttribute },
        };
        if (readVersion != 0)
        {
            request.ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":read"] = new() { N = readVersion.ToString(CultureInfo.InvariantCulture) } };
        }

        try
        {
            await dynamo.PutItemAsync(request, cancellation);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}

/// <summary>
/// Memory for one process only. Used in observe mode, where nothing is restarted and so nothing needs remembering, and
/// by tests.
/// </summary>
public sealed class InProcessHealingStateStore : IHealingStateStore
{
    private readonly Lock gate = new();
    private StoredState stored = new(HealingState.Empty, 0);

    public Task<StoredState> LoadAsync(CancellationToken cancellation) => Task.FromResult(stored);

    public Task<bool> TrySaveAsync(HealingState state, long readVersion, CancellationToken cancellation)
    {
        lock (gate)
        {
            if (stored.Version != readVersion)
            {
                return Task.FromResult(false);
            }

            stored = new StoredState(state, readVersion + 1);
            return Task.FromResult(true);
        }
    }
}
