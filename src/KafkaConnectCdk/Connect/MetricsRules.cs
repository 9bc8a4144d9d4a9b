namespace KafkaConnectCdk.Connect;

/// <summary>The JMX Prometheus exporter rules the Connect pods expose, shipped with the app.</summary>
public static class MetricsRules
{
    public static string KafkaConnect { get; } = Read("kafka-connect-metrics.yml");

    private static string Read(string name)
    {
        using var stream = typeof(MetricsRules).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
