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

    private static DockerfileStages Stages => DockerfileStages.Parse(Dockerfile);

    [Fact]
    public void The_base_image_is_strimzis_kafka_image_for_the_pinned_operator_and_kafka_versions()
    {
        Assert.Contains(new DockerInstruction("ARG", $"STRIMZI_VERSION={KafkaConnectCdk.Versions.Strimzi}"), Stages.GlobalArgs);
        Assert.Contains(new DockerInstruction("ARG", $"KAFKA_VERSION={KafkaConnectCdk.Versions.DefaultConnectKafkaVersion}"), Stages.GlobalArgs);
        var image = Stages.Lineage(Stages.Final).Last();
        Assert.Equal("quay.io/strimzi/kafka:${STRIMZI_VERSION}-kafka-${KAFKA_VERSION}", image.Base);
        Assert.Equal("quay.io/strimzi/kafka:1.2.0-kafka-4.3.1", KafkaConnectCdk.Versions.StrimziKafkaImage(KafkaConnectCdk.Versions.DefaultConnectKafkaVersion));
    }

    /// <summary>
    /// The asset is linux/arm64 and CDK Pipelines builds it on x86_64 CodeBuild: a RUN in an arm64 stage fails there
    /// with "exec format error" without QEMU/binfmt (aws/aws-cdk#28863). BuildKit sets $BUILDPLATFORM to the host's
    /// platform (https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope).
    /// </summary>
    [Fact]
    public void Every_stage_that_runs_commands_runs_on_the_build_host()
    {
        var running = Stages.Stages.Where(stage => stage.Runs).ToList();

        Assert.NotEmpty(running);
        Assert.All(running, stage => Assert.Equal("$BUILDPLATFORM", stage.Platform));
    }

    [Fact]
    public void The_image_stage_and_the_stages_it_is_built_from_only_copy_files_for_the_target_platform()
    {
        var lineage = Stages.Lineage(Stages.Final).ToList();

        Assert.All(lineage, stage => Assert.DoesNotContain(stage.Instructions, instruction => instruction.Keyword == "RUN"));
        Assert.All(lineage, stage => Assert.Null(stage.Platform));
        Assert.All(Stages.Final.Instructions, instruction => Assert.Contains(instruction.Keyword, new[] { "COPY", "USER" }));
    }

    /// <summary>
    /// Anonymous Docker Hub pulls from CodeBuild are rate-limited (aws/aws-cdk#11774). `# syntax=docker/dockerfile:1`
    /// would pull the frontend image from Docker Hub too; without it BuildKit uses its built-in Dockerfile frontend.
    /// </summary>
    [Fact]
    public void No_image_is_pulled_from_docker_hub()
    {
        var images = Stages.Stages.Select(stage => stage.Base).Where(reference => !Stages.IsStage(reference)).ToList();

        Assert.DoesNotContain(Stages.Directives, directive => directive.StartsWith("syntax=", StringComparison.Ordinal));
        Assert.Equal(3, images.Count);
        Assert.All(images, image => Assert.True(
            image.StartsWith("public.ecr.aws/", StringComparison.Ordinal) || image.StartsWith("quay.io/", StringComparison.Ordinal),
            $"{image} is not from ECR Public or quay.io"));
    }

    [Fact]
    public void Maven_comes_from_ecr_publics_mirror_of_the_docker_official_images_at_a_fixed_release()
    {
        var plugins = Stages.Named("plugins");

        Assert.Matches(@"^public\.ecr\.aws/docker/library/maven:3\.9\.[0-9]+-eclipse-temurin-21(@sha256:[0-9a-f]{64})?$", plugins.Base);
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
            Assert.Equal(platform.Configuration.Platform.Environments.Single(configured => configured.Name == stack.Identity.Name).Connect.KafkaVersion, (string?)buildArgs["KAFKA_VERSION"]);
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
