using KafkaConnectCdk.Contracts;

namespace KafkaConnectCdk.Connect;

/// <summary>The app's view of <see cref="ConnectorSecrets"/>: the rule the registrar applies to the same settings.</summary>
public static class SecretKeys
{
    public static bool IsLiteralSecret(string key, string value) => ConnectorSecrets.IsLiteralSecret(key, value);
}
