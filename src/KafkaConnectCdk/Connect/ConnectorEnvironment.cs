namespace KafkaConnectCdk.Connect;

/// <summary>
/// What the connectors of one environment connect to. Values may be CloudFormation tokens (bootstrap servers,
/// database host) resolved at deploy time.
/// </summary>
public sealed record ConnectorEnvironment(
    string EnvironmentName,
    string BootstrapServers,
    string DatabaseHost,
    int DatabasePort,
    string DatabaseUser,
    string DatabasePasswordReference,
    string Region,
    string RegistryName,
    string KeyRegistryName,
    string RegistryCompatibility);
