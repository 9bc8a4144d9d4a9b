using Amazon.CDK.AWS.Ecr.Assets;
using Constructs;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Constructs.Kubernetes;

/// <summary>
/// The Kafka Connect image (Strimzi's Kafka image plus Debezium, the Glue converter and aws-msk-iam-auth), built by
/// `cdk deploy` or the pipeline's asset stage and pushed to the bootstrap ECR repository. Synth only hashes the
/// directory: no Docker needed. Strimzi's in-cluster build is not used because its push secret would expire with the
/// 12-hour ECR token.
/// </summary>
public sealed class ConnectImage : Construct
{
    public const string Directory = "connect-image";

    public ConnectImage(Construct scope, string id, string kafkaVersion) : base(scope, id)
    {
        Asset = new DockerImageAsset(this, "Image", new DockerImageAssetProps
        {
            Directory = RepositoryPaths.Of(Directory),
            Platform = Platform_.LINUX_ARM64,
            BuildArgs = new Dictionary<string, string>
            {
                ["STRIMZI_VERSION"] = Versions.Strimzi,
                ["KAFKA_VERSION"] = kafkaVersion,
            },
            Exclude = ["target"],
        });
    }

    public DockerImageAsset Asset { get; }

    public string ImageUri => Asset.ImageUri;
}
