namespace KafkaConnectCdk.Configuration;

/// <summary>How connectors are registered: never both at once.</summary>
public static class ConnectorManagementModes
{
    /// <summary>The registrar Lambda registers connectors through the Connect REST API (the default).</summary>
    public const string Rest = Contracts.ManagementModes.Rest;

    /// <summary>KafkaConnector resources, owned and auto-restarted by the Strimzi operator.</summary>
    public const string Strimzi = Contracts.ManagementModes.Strimzi;

    public static readonly IReadOnlyList<string> All = Contracts.ManagementModes.All;
}
