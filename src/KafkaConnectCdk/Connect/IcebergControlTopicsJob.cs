using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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

    public static object ConfigMap(string @namespace, string bootstrapServers) => new
    {
        apiVersion = "v1",
        kind = "ConfigMap",
        metadata = new { name = ConfigMapName, @namespace },
        data = new Dictionary<string, string> { [PropertiesKey] = ClientProperties, [BootstrapKey] = bootstrapServers },
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

    public static object Job(string name, string @namespace, string serviceAccount, string image, IReadOnlyList<string> topics) => new
    {
        apiVersion = "batch/v1",
        kind = "Job",
        metadata = new { name, @namespace },
        spec = new
        {
            backoffLimit = 6,
            activeDeadlineSeconds = 900,
            template = new
            {
                metadata = new { labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "iceberg-control-topics" } },
                spec = new
                {
                    serviceAccountName = serviceAccount,
                    restartPolicy = "OnFailure",
                    securityContext = new { runAsNonRoot = true, runAsUser = 1001, seccompProfile = new { type = "RuntimeDefault" } },
                    containers = topics.Select((topic, index) => new
                    {
                        name = $"topic-{index}",
                        image,
                        command = CreateCommand(topic),
                        env = new object[]
                        {
                            new { name = "BOOTSTRAP_SERVERS", valueFrom = new { configMapKeyRef = new { name = ConfigMapName, key = BootstrapKey } } },
                            // kafka-run-class.sh creates LOG_DIR when it is missing; the root filesystem is read-only.
                            new { name = "LOG_DIR", value = "/tmp" },
                        },
                        resources = new
                        {
                            requests = new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "512Mi" },
                            limits = new Dictionary<string, string> { ["memory"] = "512Mi" },
                        },
                        securityContext = new { allowPrivilegeEscalation = false, readOnlyRootFilesystem = true, capabilities = new { drop = new[] { "ALL" } } },
                        volumeMounts = new object[]
                        {
                            new { name = "client", mountPath = MountPath, readOnly = true },
                            new { name = "tmp", mountPath = "/tmp", readOnly = false },
                        },
                    }).ToArray(),
                    volumes = new object[]
                    {
                        new { name = "client", configMap = new { name = ConfigMapName } },
                        new { name = "tmp", emptyDir = new { } },
                    },
                },
            },
        },
    };
}
