namespace KafkaConnectCdk;

/// <summary>
/// Pinned versions of everything the app deploys from outside this repository. The Connect image's plugin versions
/// are pinned in connect-image/pom.xml and its Dockerfile; tests check that they agree with this file.
/// </summary>
public static class Versions
{
    public const string Strimzi = "1.2.0";

    public const string StrimziHelmRepository = "https://strimzi.io/charts/";

    public const string StrimziHelmChart = "strimzi-kafka-operator";

    /// <summary>Kafka versions the Strimzi 1.2.0 operator supports for Connect (its kafka-versions.yaml).</summary>
    public static readonly IReadOnlyList<string> StrimziKafkaVersions = ["4.2.0", "4.2.1", "4.3.0", "4.3.1"];

    public const string DefaultConnectKafkaVersion = "4.3.1";

    /// <summary>The Strimzi Kafka image the Connect image builds on.</summary>
    public static string StrimziKafkaImage(string kafkaVersion) => $"quay.io/strimzi/kafka:{Strimzi}-kafka-{kafkaVersion}";

    /// <summary>
    /// The CloudWatch agent image of the Connect metrics scraper: the one the amazon-cloudwatch-observability chart 6.4.0
    /// deploys (its values.yaml), from ECR Public.
    /// </summary>
    public const string CloudWatchAgentImage = "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300070.0b1586";

    /// <summary>
    /// The .NET SDK image (global.json's major version): the pipeline's synth step, the Lambda bundling fallback where no
    /// local SDK publishes, and .gitlab-ci.yml's jobs (pinned by a test to this value).
    /// </summary>
    public const string DotnetSdkImage = "mcr.microsoft.com/dotnet/sdk:10.0";
}
