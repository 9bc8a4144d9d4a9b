using KafkaConnectCdk.Contracts;

namespace ConnectorRegistrar;

/// <summary>Keeps secret values out of logs and out of connector configs, by the rule the app's validator applies (<see cref="ConnectorSecrets"/>).</summary>
public static class SecretRedaction
{
    public static IReadOnlyDictionary<string, string> Redact(IReadOnlyDictionary<string, string> config) =>
        config.ToDictionary(pair => pair.Key, pair => ConnectorSecrets.IsLiteralSecret(pair.Key, pair.Value) ? "***" : pair.Value);
}
