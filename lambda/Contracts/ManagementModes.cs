namespace KafkaConnectCdk.Contracts;

/// <summary>Who owns the connectors: <c>connect.managementMode</c>, the registrar's ManagementMode and the operations function's STATE_OWNER.</summary>
public static class ManagementModes
{
    /// <summary>The registrar Lambda registers connectors through the Connect REST API (the default).</summary>
    public const string Rest = "rest";

    /// <summary>KafkaConnector resources, owned and auto-restarted by the Strimzi operator.</summary>
    public const string Strimzi = "strimzi";

    public static readonly IReadOnlyList<string> All = [Rest, Strimzi];
}
