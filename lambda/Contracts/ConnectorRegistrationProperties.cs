namespace KafkaConnectCdk.Contracts;

/// <summary>The properties of a <c>Custom::KafkaConnector</c> resource (ConnectorRegistration writes them, the registrar parses them).</summary>
public static class ConnectorRegistrationProperties
{
    public const string ResourceType = "Custom::KafkaConnector";
    public const string ConnectorName = "ConnectorName";
    public const string ConnectorClass = "ConnectorClass";

    /// <summary>The connector's settings without connector.class, as one JSON object of strings.</summary>
    public const string Config = "Config";
    public const string ConfigHash = "ConfigHash";
    public const string ConnectUrl = "ConnectUrl";

    /// <summary>One of <see cref="ManagementModes"/>; absent means <see cref="ManagementModes.Rest"/>.</summary>
    public const string ManagementMode = "ManagementMode";
}
