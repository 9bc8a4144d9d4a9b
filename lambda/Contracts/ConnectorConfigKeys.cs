namespace KafkaConnectCdk.Contracts;

/// <summary>
/// The keys of a Kafka Connect connector configuration that are not the connector's own settings (Apache Kafka
/// connect/runtime ConnectorConfig.java: NAME_CONFIG, CONNECTOR_CLASS_CONFIG, TASKS_MAX_CONFIG, and the plugin version
/// of KIP-891). The app types the class and the task count; the registrar puts them back into the configuration it
/// sends to the REST API, which sets the name from the URL.
/// </summary>
public static class ConnectorConfigKeys
{
    public const string Name = "name";

    public const string ConnectorClass = "connector.class";

    public const string TasksMax = "tasks.max";

    public const string PluginVersion = "connector.plugin.version";
}
