using System.Text.Json.Serialization;

namespace KafkaConnectCdk.Configuration;

/// <summary>The whole deployment, as read from the <c>platform</c> context key of cdk.json.</summary>
public sealed record PlatformConfig
{
    /// <summary>Short prefix of every stack and resource name, e.g. <c>kcc</c> gives <c>kcc-dev-network</c>.</summary>
    public string Project { get; init; } = "kcc";

    /// <summary>The environments the platform is deployed to, in promotion order (dev before prod).</summary>
    public IReadOnlyList<EnvironmentConfig> Environments { get; init; } = [];

    /// <summary>The delivery pipeline; required only when synthesizing with <c>-c delivery=pipeline</c>.</summary>
    public PipelineConfig? Pipeline { get; init; }
}
