using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Connect;

[Trait("Category", "Unit")]
public sealed class ReferenceCopyTests
{
    [Fact]
    public void The_vendored_strimzi_references_equal_the_shared_ones_when_those_are_present()
    {
        var files = Directory.GetFiles(StrimziSchemas.ReferenceDirectory).Select(Path.GetFileName).Where(name => name != "README.md").Order().ToList();
        Assert.Equal(["041-Crd-kafkaconnect.yaml", "047-Crd-kafkaconnector.yaml", "helm-values.yaml", "kafka-versions.yaml"], files);

        if (!Directory.Exists(StrimziSchemas.SharedReferenceDirectory))
        {
            return;
        }

        Assert.All(files, file => Assert.Equal(
            File.ReadAllText(Path.Combine(StrimziSchemas.SharedReferenceDirectory, file!)),
            File.ReadAllText(Path.Combine(StrimziSchemas.ReferenceDirectory, file!))));
    }

    [Fact]
    public void The_kafka_versions_of_the_app_are_those_strimzi_1_2_0_supports()
    {
        var versions = StrimziSchemas.ReadYaml("kafka-versions.yaml").AsArray()
            .Where(entry => (bool?)entry!["supported"] == true)
            .Select(entry => (string)entry!["version"]!)
            .ToList();

        Assert.Equal(versions, KafkaConnectCdk.Versions.StrimziKafkaVersions);
        Assert.Contains(KafkaConnectCdk.Versions.DefaultConnectKafkaVersion, versions);
    }
}
