namespace KafkaConnectCdk.Contracts;

/// <summary>
/// The two keys of a Kafka Connect connector configuration that are not the connector's own settings (Apache Kafka
/// connect/runtime ConnectorConfig.java: CONNECTOR_CLASS_CONFIG, TASKS_MAX_CONFIG). The app types them; the registrar
/// puts them back into the configuration it sends to the REST API.
/// </summary>
public static class ConnectorConfigKeys
{
    public const string ConnectorClass = "connector.class";

    public const string TasksMax = "tasks.max";
}
