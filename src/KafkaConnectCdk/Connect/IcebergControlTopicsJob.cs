using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using k8s.Models;

namespace KafkaConnectCdk.Connect;

/// <summary>
/// The Kubernetes Job that creates the Iceberg sinks' control topics before the sinks start. The sink never creates
/// its control topic (no Admin.createTopics in kafka-connect/*/src/main at apache-iceberg-1.11.0) and MSK does not
/// auto-create topics, so a Job in the Connect namespace runs the Connect image's own <c>kafka-topics.sh --create
/// --if-not-exists</c> (TopicCommand ignores TopicExistsException with --if-not-exists, apache/kafka
/// tools/src/main/java/org/apache/kafka/tools/TopicCommand.java) as the Connect service account, whose Pod Identity role
/// may create exactly these topics.
/// </summary>
public static class IcebergControlTopicsJob
{
    public const int Partitions = 1;
    public const int ReplicationFactor = 3;
    public const int MinInSyncReplicas = 2;

    /// <summary>Three days: a control topic only carries the current commit cycles' events.</summary>
    public const long RetentionMs = 3L * 24 * 60 * 60 * 1000;

    public const string ConfigMapName = "iceberg-control-topics-client";
    public const string PropertiesKey = "client.properties";
    public const string BootstrapKey = "bootstrap.servers";
    public const string MountPath = "/etc/iceberg-control";
    public const string KafkaTopics = "/opt/kafka/bin/kafka-topics.sh";

    /// <summary>
    /// The Job's name changes with everything in its pod template (image, topics): a Job's template is immutable, so a
    /// changed Job is a new Job rather than a failed apply. The bootstrap servers come from the ConfigMap instead.
    /// </summary>
    public static string JobName(string imageHash, IReadOnlyList<string> topics) =>
        "iceberg-control-topics-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(imageHash + "\n" + string.Join('\n', topics))))[..10];

    /// <summary>The SASL/IAM client settings kafka-topics.sh reads with --command-config (no secrets: IAM signs).</summary>
    public static string ClientProperties =>
        string.Concat(MskIamClient.ClientSettings.Select(pair => $"{pair.Key}={pair.Value}\n"));

    public static V1ConfigMap ConfigMap(string @namespace, string bootstrapServers) => new()
    {
        Metadata = new V1ObjectMeta { Name = ConfigMapName, NamespaceProperty = @namespace },
        Data = new Dictionary<string, string> { [PropertiesKey] = ClientProperties, [BootstrapKey] = bootstrapServers },
    };

    /// <summary>The kafka-topics.sh arguments that create one control topic.</summary>
    public static IReadOnlyList<string> CreateCommand(string topic) =>
    [
        KafkaTopics,
        "--bootstrap-server", "$(BOOTSTRAP_SERVERS)",
        "--command-config", $"{MountPath}/{PropertiesKey}",
        "--create", "--if-not-exists",
        "--topic", topic,
        "--partitions", Partitions.ToString(CultureInfo.InvariantCulture),
        "--replication-factor", ReplicationFactor.ToString(CultureInfo.InvariantCulture),
        "--config", "cleanup.policy=delete",
        "--config", $"retention.ms={RetentionMs.ToString(CultureInfo.InvariantCulture)}",
        "--config", $"min.insync.replicas={MinInSyncReplicas.ToString(CultureInfo.InvariantCulture)}",
    ];

    public static V1Job Job(string name, string @namespace, string serviceAccount, string image, IReadOnlyList<string> topics) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace },
        Spec = new V1JobSpec
        {
            BackoffLimit = 6,
            ActiveDeadlineSeconds = 900,
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "iceberg-control-topics" } },
                Spec = new V1PodSpec
                {
                    ServiceAccountName = serviceAccount,
                    RestartPolicy = "OnFailure",
                    SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = 1001, SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } },
                    Containers = [.. topics.Select((topic, index) => new V1Container
                    {
                        Name = $"topic-{index}",
                        Image = image,
                        Command = [.. CreateCommand(topic)],
                        Env =
                        [
                            new V1EnvVar { Name = "BOOTSTRAP_SERVERS", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = ConfigMapName, Key = BootstrapKey } } },
                            // kafka-run-class.sh creates LOG_DIR when it is missing; the root filesystem is read-only.
                            new V1EnvVar { Name = "LOG_DIR", Value = "/tmp" },
                        ],
                        Resources = new V1ResourceRequirements
                        {
                            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("512Mi") },
                            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("512Mi") },
                        },
                        SecurityContext = new V1SecurityContext { AllowPrivilegeEscalation = false, ReadOnlyRootFilesystem = true, Capabilities = new V1Capabilities { Drop = ["ALL"] } },
                        VolumeMounts =
                        [
                            new V1VolumeMount { Name = "client", MountPath = MountPath, ReadOnlyProperty = true },
                            new V1VolumeMount { Name = "tmp", MountPath = "/tmp", ReadOnlyProperty = false },
                        ],
                    })],
                    Volumes =
                    [
                        new V1Volume { Name = "client", ConfigMap = new V1ConfigMapVolumeSource { Name = ConfigMapName } },
                        new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() },
                    ],
                },
            },
        },
    };
}
