using KafkaConnectCdk.Configuration;

namespace KafkaConnectCdk.Connect;

/// <summary>The final configuration of a connector: Debezium's generated settings, then the definition's additional ones.</summary>
public static class ConnectorConfigBuilder
{
    public static IReadOnlyDictionary<string, string> Build(ConnectorDefinition connector, ConnectorEnvironment environment)
    {
        var config = new SortedDictionary<string, string>(DebeziumConnectorConfig.Build(connector, environment).ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in connector.AdditionalConfig)
        {
            config[key] = value;
        }

        return config;
    }
}
