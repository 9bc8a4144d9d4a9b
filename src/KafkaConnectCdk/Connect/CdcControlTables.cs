using System.Text.RegularExpressions;

namespace KafkaConnectCdk.Connect;

/// <summary>
/// The two small tables every connector captures besides its own: the heartbeat table its <c>heartbeat.action.query</c>
/// writes (so that every heartbeat crosses the binlog, Debezium and MSK) and Debezium's signal table (incremental
/// snapshots on request, and the watermarks Debezium itself writes during one). The database bootstrap creates them and
/// grants the connector user exactly what Debezium does with them; the names reach it and the operations function as
/// properties and environment, defined only here.
/// </summary>
public static class CdcControlTables
{
    public const string Database = "cdc_control";

    public const string HeartbeatTableName = "debezium_heartbeat";

    public const string SignalTableName = "debezium_signal";

    /// <summary>Debezium's <c>database.table</c> form (signal.data.collection for MySQL).</summary>
    public const string HeartbeatTable = Database + "." + HeartbeatTableName;

    public const string SignalTable = Database + "." + SignalTableName;

    /// <summary>The table filters match <c>database.table</c> as an anchored regular expression: the dot is escaped.</summary>
    public static string IncludePattern(string table) => Regex.Escape(table);

    /// <summary>
    /// One row per connector, upserted: Debezium's DatabaseHeartbeatImpl runs it through its own JDBC connection as
    /// database.user on every heartbeat. Connector names are Kubernetes names (letters, digits, hyphens), safe as a literal.
    /// </summary>
    public static string HeartbeatQuery(string connectorName) =>
        $"INSERT INTO {HeartbeatTable} (connector, beat_at) VALUES ('{connectorName}', NOW(3)) ON DUPLICATE KEY UPDATE beat_at = NOW(3)";
}
