namespace KafkaConnectCdk.Configuration;

/// <summary>The CDK Pipelines delivery pipeline, in a tooling account, promoting through the environments in order.</summary>
public sealed record PipelineConfig
{
    /// <summary>The tooling account that hosts the pipeline.</summary>
    public string Account { get; init; } = "";

    public string Region { get; init; } = "";

    /// <summary>AWS CodeConnections connection to the GitLab project (created once in the console).</summary>
    public string ConnectionArn { get; init; } = "";

    /// <summary>GitLab project path, e.g. data-platform/kafka-connect-cdk.</summary>
    public string Repository { get; init; } = "";

    public string Branch { get; init; } = "main";
}
