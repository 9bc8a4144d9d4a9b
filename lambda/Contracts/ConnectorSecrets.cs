namespace KafkaConnectCdk.Contracts;

/// <summary>
/// Which connector settings are secrets, for the configuration validator (refuses them at synth time) and for the
/// registrar (refuses them in an event and masks them in its log): one rule, so the two cannot disagree.
/// </summary>
public static class ConnectorSecrets
{
    private static readonly string[] SecretWords = ["password", "secret", "token", "credential", "private.key", "access.key"];

    /// <summary>A key whose value is a secret unless it is a config-provider reference.</summary>
    public static bool IsSecretLike(string key) =>
        SecretWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>A Kafka config-provider reference such as <c>${dir:/mnt/secrets:password}</c>.</summary>
    public static bool IsReference(string value) =>
        value.StartsWith("${", StringComparison.Ordinal) && value.EndsWith('}') && value.Contains(':', StringComparison.Ordinal);

    /// <summary>
    /// A value that must not travel in a template, an event or a log: a secret-like key with a literal value, or a JAAS
    /// configuration that carries a password. The MSK IAM login module's <c>sasl.jaas.config</c> carries none (IAM signs),
    /// so it is not a secret.
    /// </summary>
    public static bool IsLiteralSecret(string key, string value) =>
        (IsSecretLike(key) && !IsReference(value))
        || (key.EndsWith("jaas.config", StringComparison.OrdinalIgnoreCase) && value.Contains("password", StringComparison.OrdinalIgnoreCase) && !IsReference(value));
}
