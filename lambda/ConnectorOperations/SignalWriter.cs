using System.Text.Json;
using System.Text.RegularExpressions;
using CustomResources;
using MySqlConnector;

namespace ConnectorOperations;

public interface ISignalWriter
{
    /// <summary>Inserts an <c>execute-snapshot</c> signal for the tables; returns the signal's id.</summary>
    Task<string> ExecuteSnapshotAsync(string signalTable, IReadOnlyList<string> tables, CancellationToken cancellation);
}

/// <summary>
/// Writes Debezium signals into the signal table (the "source" channel) as the connector user, who may INSERT there and
/// nowhere else beyond its global SELECT (lambda/DatabaseBootstrap). Row shape and payload as Debezium documents them:
/// id, type <c>execute-snapshot</c>, data <c>{"data-collections": [...], "type": "incremental"}</c>.
/// </summary>
public sealed partial class MySqlSignalWriter(ISecretSource secrets, string connectorSecretArn, string host, int port, MySqlSslMode sslMode) : ISignalWriter
{
    public async Task<string> ExecuteSnapshotAsync(string signalTable, IReadOnlyList<string> tables, CancellationToken cancellation)
    {
        if (!QualifiedIdentifier().IsMatch(signalTable))
        {
            throw new RefusedException($"the connector's signal.data.collection '{signalTable}' is not database.table");
        }

        var credentials = await secrets.GetAsync(connectorSecretArn, cancellation);
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder
        {
            Server = host,
            Port = (uint)port,
            UserID = credentials.Username,
            Password = credentials.Password,
            SslMode = sslMode,
            ConnectionTimeout = 5,
            Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync(cancellation);

        var id = $"ops-{Guid.NewGuid():N}";
        await using var insert = new MySqlCommand($"INSERT INTO {signalTable} (id, type, data) VALUES (@id, 'execute-snapshot', @data)", connection);
        insert.Parameters.AddWithValue("@id", id[..Math.Min(id.Length, 42)]);
        insert.Parameters.AddWithValue("@data", SnapshotData(tables));
        await insert.ExecuteNonQueryAsync(cancellation);
        return id[..Math.Min(id.Length, 42)];
    }

    public static string SnapshotData(IReadOnlyList<string> tables) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["data-collections"] = tables, ["type"] = "incremental" });

    [GeneratedRegex("^[a-z0-9_]+\\.[a-z0-9_]+$")]
    private static partial Regex QualifiedIdentifier();
}
