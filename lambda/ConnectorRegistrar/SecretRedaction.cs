namespace ConnectorRegistrar;

/// <summary>Keeps secret values out of logs and out of connector configs.</summary>
public static class SecretRedaction
{
    private static readonly string[] SecretWords = ["password", "secret", "token", "credential", "private.key", "access.key"];

    public static bool IsSecretLike(string key) => SecretWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A value that must not travel in a template or an event: a secret-like key with a literal value, or a JAAS
    /// configuration that carries a password (the MSK IAM login module carries none).
    /// </summary>
    public static bool IsLiteralSecret(string key, string value) =>
        (IsSecretLike(key) && !IsReference(value))
        || (key.EndsWith("jaas.config", StringComparison.OrdinalIgnoreCase) && value.Contains("password", StringComparison.OrdinalIgnoreCase));

    /// <summary>A Kafka config-provider reference such as <c>${dir:/mnt/secrets:password}</c>.</summary>
    public static bool IsReference(string value) =>
        value.StartsWith("${", StringComparison.Ordinal) && value.EndsWith('}') && value.Contains(':', StringComparison.Ordinal);

    public static IReadOnlyDictionary<string, string> Redact(IReadOnlyDictionary<string, string> config) =>
        config.ToDictionary(pair => pair.Key, pair => IsLiteralSecret(pair.Key, pair.Value) ? "***" : pair.Value);
}
