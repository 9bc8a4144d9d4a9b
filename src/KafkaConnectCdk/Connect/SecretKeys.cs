namespace KafkaConnectCdk.Connect;

/// <summary>Recognises configuration keys that hold secrets and values that only reference them.</summary>
public static class SecretKeys
{
    private static readonly string[] SecretWords = ["password", "secret", "token", "credential", "jaas.config", "private.key", "access.key"];

    public static bool IsSecretLike(string key) =>
        SecretWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>A Kafka config-provider reference such as <c>${dir:/mnt/secrets:password}</c>.</summary>
    public static bool IsReference(string value) =>
        value.StartsWith("${", StringComparison.Ordinal) && value.EndsWith('}') && value.Contains(':', StringComparison.Ordinal);
}
