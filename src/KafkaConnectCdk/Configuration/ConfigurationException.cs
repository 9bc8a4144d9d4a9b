namespace KafkaConnectCdk.Configuration;

/// <summary>Invalid configuration: the message lists every problem with its path and fix.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(Format(errors)) => Errors = errors;

    public ConfigurationException() : this([]) { }

    public ConfigurationException(string message) : base(message) => Errors = [];

    public ConfigurationException(string message, Exception innerException) : base(message, innerException) => Errors = [];

    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string Format(IReadOnlyList<ConfigurationError> errors) =>
        $"Invalid configuration ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):{Environment.NewLine}" +
        string.Join(Environment.NewLine, errors.Select(error => $"  - {error}"));
}
