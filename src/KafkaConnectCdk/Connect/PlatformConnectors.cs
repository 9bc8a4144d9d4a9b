using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Connect;

/// <summary>Every connector of one environment, in registration order: the Debezium sources, then one Iceberg sink per landed source.</summary>
public sealed record PlatformConnectors(IReadOnlyList<ManagedConnector> Sources, IReadOnlyList<ManagedConnector> Sinks)
{
    public static PlatformConnectors Of(IReadOnlyList<ConnectorDefinition> sources, ConnectorEnvironment environment, LakehouseLanding? lakehouse) => new(
        [.. sources.Select(source => DebeziumConnectorConfig.Managed(source, environment))],
        lakehouse is null
            ? []
            : [.. lakehouse.Sinks.Select(sink => IcebergSinkConnectorConfig.Managed(sink, new IcebergSinkEnvironment(
                Connectors: environment,
                DatabaseName: lakehouse.DatabaseName,
                WarehouseLocation: lakehouse.WarehouseLocation,
                CommitIntervalSeconds: lakehouse.Config.CommitIntervalSeconds)))]);

    public IReadOnlyList<ManagedConnector> All => [.. Sources, .. Sinks];
}
