namespace KafkaConnectCdk.Configuration;

/// <summary>One configuration problem: where it is, what is wrong, and how to fix it.</summary>
public sealed record ConfigurationError(string Path, string Problem, string Fix)
{
    public override string ToString() => $"{Path}: {Problem}. Fix: {Fix}.";
}
