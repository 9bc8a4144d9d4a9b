using System.Text.Json.Nodes;
using KafkaConnectCdk.Connect;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Connect;

/// <summary>The Job that pre-creates the Iceberg sinks' control topics.</summary>
[Trait("Category", "Unit")]
public sealed class IcebergControlTopicsJobTests
{
    private static readonly string[] Topics = ["__iceberg-control.fullfillment", "__iceberg-control.fullfillment_avro"];

    private static JsonObject Job => KubernetesObjects.ToJson(IcebergControlTopicsJob.Job("iceberg-control-topics-0123456789", "kafka-connect", "cdc-connect", "image:tag", Topics));

    /// <summary>
    /// apache/kafka tools/src/main/java/org/apache/kafka/tools/TopicCommand.java createTopic: createTopics, and a
    /// TopicExistsException is ignored only with --if-not-exists, so re-running the Job is harmless. RF 3 and finite
    /// retention as apache/iceberg#15844 recommends for the control topic.
    /// </summary>
    [Fact]
    public void Each_control_topic_is_created_if_missing_with_one_partition_three_replicas_and_finite_retention()
    {
        var command = IcebergControlTopicsJob.CreateCommand(Topics[0]);

        Assert.Equal("/opt/kafka/bin/kafka-topics.sh", command[0]);
        Assert.Equal(
            "--bootstrap-server $(BOOTSTRAP_SERVERS) --command-config /etc/iceberg-control/client.properties --create --if-not-exists --topic __iceberg-control.fullfillment --partitions 1 --replication-factor 3 --config cleanup.policy=delete --config retention.ms=259200000 --config min.insync.replicas=2",
            string.Join(' ', command.Skip(1)));
    }

    [Fact]
    public void The_client_properties_are_the_msk_iam_settings_and_hold_no_secret()
    {
        var properties = IcebergControlTopicsJob.ClientProperties;

        Assert.Contains("security.protocol=SASL_SSL\n", properties, StringComparison.Ordinal);
        Assert.Contains("sasl.mechanism=AWS_MSK_IAM\n", properties, StringComparison.Ordinal);
        Assert.Contains("sasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler\n", properties, StringComparison.Ordinal);
        Assert.DoesNotContain("password", properties, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void It_runs_as_the_connect_service_account_one_container_per_topic_non_root_and_read_only()
    {
        var spec = Job.At("spec", "template", "spec");
        var containers = spec["containers"]!.AsArray();

        Assert.Equal("cdc-connect", (string?)spec["serviceAccountName"]);
        Assert.Equal("OnFailure", (string?)spec["restartPolicy"]);
        Assert.Equal(2, containers.Count);
        Assert.All(containers, container =>
        {
            Assert.True((bool?)container!["securityContext"]!["readOnlyRootFilesystem"]);
            Assert.False((bool?)container["securityContext"]!["allowPrivilegeEscalation"]);
            Assert.Equal("image:tag", (string?)container["image"]);
        });
        Assert.True((bool?)spec["securityContext"]!["runAsNonRoot"]);
    }

    /// <summary>A Job's pod template is immutable (Kubernetes batch/v1 Job): a changed template must be a new Job.</summary>
    [Fact]
    public void The_job_name_changes_with_the_image_and_the_topics_and_fits_a_kubernetes_name()
    {
        var name = IcebergControlTopicsJob.JobName("hash-a", Topics);

        Assert.NotEqual(name, IcebergControlTopicsJob.JobName("hash-b", Topics));
        Assert.NotEqual(name, IcebergControlTopicsJob.JobName("hash-a", Topics[..1]));
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", name);
        Assert.True(name.Length <= 63);
    }
}
