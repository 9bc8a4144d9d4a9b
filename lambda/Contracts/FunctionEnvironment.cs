namespace KafkaConnectCdk.Contracts;

/// <summary>What every function of DotnetVpcFunctions is told: its timeout, which Lambda does not expose without Amazon.Lambda.Core.</summary>
public static class InvocationEnvironment
{
    public const string TimeoutSeconds = "INVOCATION_TIMEOUT_SECONDS";
}

/// <summary>The connector healer's environment (ConnectorHealing writes it; HealerSettings and HealingPolicy read it).</summary>
public static class HealerEnvironment
{
    public const string ConnectUrl = "CONNECT_URL";
    public const string ConnectCluster = "CONNECT_CLUSTER";

    /// <summary>Comma-separated connector names the healer expects to find.</summary>
    public const string ExpectedConnectors = "EXPECTED_CONNECTORS";

    /// <summary>The DynamoDB table of restart state; required in <see cref="RestartMode"/>.</summary>
    public const string StateTable = "STATE_TABLE";

    /// <summary><see cref="RestartMode"/> or <see cref="ObserveMode"/>.</summary>
    public const string HealingMode = "HEALING_MODE";
    public const string MaxRestartsPerHour = "MAX_RESTARTS_PER_HOUR";
    public const string FirstBackoffSeconds = "FIRST_BACKOFF_SECONDS";
    public const string MaxBackoffSeconds = "MAX_BACKOFF_SECONDS";
    public const string StableAfterSeconds = "STABLE_AFTER_SECONDS";

    /// <summary>Restart failed connectors (REST management mode).</summary>
    public const string RestartMode = "restart";

    /// <summary>Report only: Strimzi's connector auto-restart does the restarting.</summary>
    public const string ObserveMode = "observe";
}

/// <summary>The connector operations function's environment (ConnectorOperator writes it; its Function reads it).</summary>
public static class OperationsEnvironment
{
    public const string ConnectUrl = "CONNECT_URL";
    public const string DatabaseHost = "DATABASE_HOST";
    public const string DatabasePort = "DATABASE_PORT";
    public const string ConnectorSecretArn = "CONNECTOR_SECRET_ARN";

    /// <summary>Who owns the connectors' state: one of <see cref="ManagementModes"/>.</summary>
    public const string StateOwner = "STATE_OWNER";
}
