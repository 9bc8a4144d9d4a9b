namespace KafkaConnectCdk.Connect;

/// <summary>
/// A connector the platform registers and heals, source or sink alike: its Kafka Connect name, its final configuration
/// (with <c>connector.class</c> and <c>tasks.max</c>) and a hash of its definition that changes whenever it does.
/// </summary>
public sealed record ManagedConnector(string Name, IReadOnlyDictionary<string, string> Config, string DefinitionHash);
