using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Connect;

/// <summary>The Connect image is built by CDK, not here (no Docker): these tests read its Dockerfile and poms.</summary>
[Collection(PlatformCollection.Name)]
[Trait("Category", "Unit")]
public sealed partial class ConnectImageTests(SynthesizedPlatform platform)
{
    private static readonly XNamespace Maven = "http://maven.apache.org/POM/4.0.0";

    private static string Dockerfile => RepositoryFiles.Read("connect-image", "Dockerfile");

    private static IReadOnlyList<string> Poms =>
        [.. Directory.GetFiles(RepositoryFiles.PathOf("connect-image"), "pom.xml", SearchOption.AllDirectories).Order()];

    private static IEnumerable<XElement> Dependencies(string pom) =>
        XDocument.Load(pom).Descendants(Maven + "dependency");

    [Fact]
    public void The_base_image_is_strimzis_kafka_image_for_the_pinned_operator_and_kafka_versions()
    {
        Assert.Contains($"ARG STRIMZI_VERSION={KafkaConnectCdk.Versions.Strimzi}\n", Dockerfile, StringComparison.Ordinal);
        Assert.Contains($"ARG KAFKA_VERSION={KafkaConnectCdk.Versions.DefaultConnectKafkaVersion}\n", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("FROM quay.io/strimzi/kafka:${STRIMZI_VERSION}-kafka-${KAFKA_VERSION}\n", Dockerfile, StringComparison.Ordinal);
        Assert.Equal("quay.io/strimzi/kafka:1.2.0-kafka-4.3.1", KafkaConnectCdk.Versions.StrimziKafkaImage(KafkaConnectCdk.Versions.DefaultConnectKafkaVersion));
    }

    [Fact]
    public void The_synthesized_asset_builds_with_the_configured_versions()
    {
        foreach (var environment in platform.Environments)
        {
            var stack = environment.Connect;
            var assets = JsonNode.Parse(File.ReadAllText(Path.Combine(platform.Assembly.Directory, $"{stack.ArtifactId}.assets.json")))!;
            var image = Assert.Single(assets["dockerImages"]!.AsObject()).Value!;
            var buildArgs = image["source"]!["dockerBuildArgs"]!;

            Assert.Equal(KafkaConnectCdk.Versions.Strimzi, (string?)buildArgs["STRIMZI_VERSION"]);
            Assert.Equal(stack.Identity.Environment.Connect.KafkaVersion, (string?)buildArgs["KAFKA_VERSION"]);
            Assert.Equal("linux/arm64", (string?)image["source"]!["platform"]);
        }
    }

    [Fact]
    public void Every_maven_artifact_is_pinned_to_an_exact_release()
    {
        Assert.Equal(3, Poms.Count);
        foreach (var dependency in Poms.SelectMany(Dependencies))
        {
            var version = dependency.Element(Maven + "version")?.Value;
            var artifact = dependency.Element(Maven + "artifactId")?.Value;
            Assert.NotNull(version);
            Assert.Matches(ExactVersion(), version);
            Assert.DoesNotContain("SNAPSHOT", version, StringComparison.OrdinalIgnoreCase);
            Assert.False(string.IsNullOrEmpty(artifact));
        }
    }

    [Theory]
    [InlineData("plugins/debezium-mysql", "io.debezium", "debezium-connector-mysql", "3.")]
    [InlineData("plugins/glue-schema-registry", "software.amazon.glue", "schema-registry-kafkaconnect-converter", "1.")]
    [InlineData("plugins/glue-schema-registry", "software.amazon.awssdk", "sts", "2.")]
    [InlineData("libs/msk-iam-auth", "software.amazon.msk", "aws-msk-iam-auth", "2.")]
    public void Each_artifact_is_resolved_into_its_own_directory(string directory, string groupId, string artifactId, string major)
    {
        var dependency = Dependencies(RepositoryFiles.PathOf("connect-image", directory, "pom.xml"))
            .Single(candidate => candidate.Element(Maven + "groupId")?.Value == groupId && candidate.Element(Maven + "artifactId")?.Value == artifactId);

        Assert.StartsWith(major, dependency.Element(Maven + "version")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Plugins_land_on_the_plugin_path_and_msk_iam_auth_on_the_worker_classpath()
    {
        Assert.Contains("COPY --from=plugins /out/plugins/ /opt/kafka/plugins/", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY --from=plugins /out/libs/msk-iam-auth/ /opt/kafka/libs/", Dockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetDirectories(RepositoryFiles.PathOf("connect-image", "plugins")), directory => directory.Contains("msk-iam-auth", StringComparison.Ordinal));
    }

    [Fact]
    public void The_image_runs_as_the_strimzi_user_not_root() =>
        Assert.EndsWith("USER 1001\n", Dockerfile, StringComparison.Ordinal);

    [GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+(\.Final)?$")]
    private static partial Regex ExactVersion();
}
