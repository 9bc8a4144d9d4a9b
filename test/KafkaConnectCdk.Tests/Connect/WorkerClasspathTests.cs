using System.Diagnostics;
using System.Xml.Linq;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Connect;

/// <summary>
/// aws-msk-iam-auth goes to /opt/kafka/libs, next to Kafka's own jars: nothing it brings may be a second copy of an
/// artifact Kafka already has there (two jackson-databind on one classpath: whichever comes first wins).
/// </summary>
[Trait("Category", "Unit")]
public sealed class WorkerClasspathTests
{
    private static readonly XNamespace Maven = "http://maven.apache.org/POM/4.0.0";

    /// <summary>
    /// The jars of Kafka's binary distribution, by artifact name: apache/kafka LICENSE-binary at trunk commit 1eb7644
    /// (version 4.0.0-SNAPSHOT, the newest apache/kafka source readable here; 4.3.1's list could not be read, so the
    /// image build checks against the real /opt/kafka/libs of the base image as well, see check-libs.sh).
    /// </summary>
    public static readonly IReadOnlyList<string> KafkaBundledArtifacts =
    [
        "audience-annotations", "caffeine", "commons-beanutils", "commons-cli", "commons-collections", "commons-digester",
        "commons-io", "commons-lang3", "commons-logging", "commons-validator", "error_prone_annotations",
        "jackson-annotations", "jackson-core", "jackson-databind", "jackson-dataformat-csv", "jackson-datatype-jdk8",
        "jackson-jaxrs-base", "jackson-jaxrs-json-provider", "jackson-module-afterburner", "jackson-module-jaxb-annotations",
        "jackson-module-scala_2.13", "jakarta.validation-api", "javassist", "jetty-client", "jetty-continuation", "jetty-http",
        "jetty-io", "jetty-security", "jetty-server", "jetty-servlet", "jetty-servlets", "jetty-util", "jetty-util-ajax",
        "jose4j", "lz4-java", "maven-artifact", "metrics-core", "netty-buffer", "netty-codec", "netty-common", "netty-handler",
        "netty-resolver", "netty-transport", "netty-transport-classes-epoll", "netty-transport-native-epoll",
        "netty-transport-native-unix-common", "opentelemetry-proto", "plexus-utils", "reload4j", "rocksdbjni", "scala-library",
        "scala-logging_2.13", "scala-reflect", "snappy-java", "swagger-annotations", "zookeeper", "zookeeper-jute",
        "jakarta.activation-api", "jakarta.xml.bind-api", "jakarta.annotation-api", "jakarta.ws.rs-api", "hk2-api",
        "hk2-locator", "hk2-utils", "osgi-resource-locator", "aopalliance-repackaged", "jakarta.inject", "jersey-client",
        "jersey-common", "jersey-container-servlet", "jersey-container-servlet-core", "jersey-hk2", "jersey-server",
        "javax.activation-api", "javax.annotation-api", "javax.servlet-api", "javax.ws.rs-api", "jaxb-api", "activation",
        "argparse4j", "classgraph", "jopt-simple", "slf4j-api", "slf4j-reload4j", "pcollections", "zstd-jni", "HdrHistogram",
        "jline", "jsr305", "paranamer", "protobuf-java",
    ];

    /// <summary>
    /// aws-msk-iam-auth's runtime dependency tree where it reaches an artifact Kafka ships, each with its path from
    /// aws-msk-iam-auth and the upstream file that declares the last edge:
    /// aws/aws-msk-iam-auth build.gradle@v2.3.6 (jackson-databind, slf4j-api, the SDK's sts and apache-client);
    /// FasterXML/jackson-databind pom.xml (jackson-core, jackson-annotations); aws/aws-sdk-java-v2 services/pom.xml
    /// (every service module: netty-nio-client at runtime) and http-clients/netty-nio-client/pom.xml (netty);
    /// http-clients/apache-client/pom.xml (httpclient) and apache/httpcomponents-client 4.5.x pom.xml (commons-logging).
    /// </summary>
    public static readonly IReadOnlyList<string[]> UpstreamPaths =
    [
        ["com.fasterxml.jackson.core:jackson-databind"],
        ["com.fasterxml.jackson.core:jackson-databind", "com.fasterxml.jackson.core:jackson-core"],
        ["com.fasterxml.jackson.core:jackson-databind", "com.fasterxml.jackson.core:jackson-annotations"],
        ["org.slf4j:slf4j-api"],
        ["software.amazon.awssdk:sts", "software.amazon.awssdk:netty-nio-client", "io.netty:netty-codec"],
        ["software.amazon.awssdk:sts", "software.amazon.awssdk:netty-nio-client", "io.netty:netty-buffer"],
        ["software.amazon.awssdk:sts", "software.amazon.awssdk:netty-nio-client", "io.netty:netty-common"],
        ["software.amazon.awssdk:sts", "software.amazon.awssdk:netty-nio-client", "io.netty:netty-handler"],
        ["software.amazon.awssdk:sts", "software.amazon.awssdk:netty-nio-client", "io.netty:netty-resolver"],
        ["software.amazon.awssdk:sts", "software.amazon.awssdk:netty-nio-client", "io.netty:netty-transport"],
        ["software.amazon.awssdk:sts", "software.amazon.awssdk:netty-nio-client", "io.netty:netty-transport-classes-epoll"],
        ["software.amazon.awssdk:apache-client", "org.apache.httpcomponents:httpclient", "commons-logging:commons-logging"],
    ];

    private static IReadOnlyList<(string Group, string Artifact)> Exclusions(string pom) =>
        [.. XDocument.Load(pom).Descendants(Maven + "exclusion")
            .Select(exclusion => (exclusion.Element(Maven + "groupId")!.Value, exclusion.Element(Maven + "artifactId")!.Value))];

    /// <summary>Maven drops an artifact when an exclusion matches it or any artifact on its path (`*` matches any id).</summary>
    private static bool Excluded(IEnumerable<string> path, IReadOnlyList<(string Group, string Artifact)> exclusions) =>
        path.Any(coordinate =>
        {
            var (group, artifact) = (coordinate.Split(':')[0], coordinate.Split(':')[1]);
            return exclusions.Any(exclusion => (exclusion.Group == "*" || exclusion.Group == group) && (exclusion.Artifact == "*" || exclusion.Artifact == artifact));
        });

    [Fact]
    public void Every_upstream_path_ends_at_an_artifact_kafka_ships()
    {
        Assert.All(UpstreamPaths, path => Assert.Contains(path[^1].Split(':')[1], KafkaBundledArtifacts));
    }

    [Fact]
    public void The_msk_iam_auth_libs_add_no_artifact_that_kafka_already_ships()
    {
        var exclusions = Exclusions(RepositoryFiles.PathOf("connect-image", "libs", "msk-iam-auth", "pom.xml"));

        var duplicated = UpstreamPaths.Where(path => !Excluded(path, exclusions)).Select(path => path[^1]).ToList();

        Assert.Empty(duplicated);
    }

    [Fact]
    public void The_old_pom_that_excluded_only_kafka_and_slf4j_is_refused()
    {
        IReadOnlyList<(string, string)> old = [("org.apache.kafka", "*"), ("org.slf4j", "*")];

        var duplicated = UpstreamPaths.Where(path => !Excluded(path, old)).Select(path => path[^1]).ToList();

        Assert.Contains("com.fasterxml.jackson.core:jackson-databind", duplicated);
        Assert.Contains("commons-logging:commons-logging", duplicated);
    }

    [Fact]
    public void The_image_build_compares_the_libs_with_the_base_images_own_libs_before_copying_them()
    {
        var stages = DockerfileStages.Parse(RepositoryFiles.Read("connect-image", "Dockerfile"));
        var plugins = stages.Named("plugins");

        Assert.Contains(new DockerInstruction("COPY", "--from=kafka /opt/kafka/libs/ /kafka-libs/"), plugins.Instructions);
        Assert.Contains(new DockerInstruction("COPY", "check-libs.sh ."), plugins.Instructions);
        var run = plugins.Instructions.Single(instruction => instruction.Keyword == "RUN").Arguments;
        Assert.Contains("bash check-libs.sh /kafka-libs /out/libs/msk-iam-auth", run, StringComparison.Ordinal);
        Assert.True(run.IndexOf("dependency:copy-dependencies", StringComparison.Ordinal) < run.IndexOf("check-libs.sh", StringComparison.Ordinal));
        Assert.Contains(new DockerInstruction("COPY", "--from=plugins /out/libs/msk-iam-auth/ /opt/kafka/libs/"), stages.Final.Instructions);
        Assert.Equal("kafka", stages.Final.Base);
    }

    [Fact]
    public void The_check_refuses_a_second_jackson_databind_naming_it_and_the_fix()
    {
        using var directories = new LibDirectories(["jackson-databind-2.19.2.jar", "kafka-clients-4.3.1.jar", "zstd-jni-1.5.6-6.jar"]);
        directories.AddCandidates("aws-msk-iam-auth-2.3.9.jar", "sts-2.34.0.jar", "jackson-databind-2.18.3.jar");

        var (status, output) = directories.Check();

        Assert.Equal(1, status);
        Assert.Contains("jackson-databind-2.18.3.jar duplicates jackson-databind-2.19.2.jar", output, StringComparison.Ordinal);
        Assert.Contains("exclude artifact 'jackson-databind'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("sts-2.34.0.jar", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_passes_jars_kafka_does_not_have_whatever_their_version_suffixes()
    {
        using var directories = new LibDirectories([.. KafkaBundledArtifacts.Select(artifact => $"{artifact}-1.0.0.jar"), "netty-transport-native-epoll-4.1.115.Final-linux-aarch_64.jar"]);
        directories.AddCandidates("aws-msk-iam-auth-2.3.9.jar", "sts-2.34.0.jar", "apache-client-2.34.0.jar", "httpclient-4.5.13.jar", "third-party-jackson-core-2.34.0.jar");

        var (status, output) = directories.Check();

        Assert.Equal(0, status);
        Assert.Contains("5 jars, none already in the Kafka image", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Artifacts excluded because nothing calls them: aws-msk-iam-auth uses only the SDK's synchronous clients
    /// (aws/aws-msk-iam-auth src/main@v2.3.6 has no async or Netty client), so netty-nio-client and what it brings are
    /// not needed. Every other excluded artifact is still called at run time and must come from Kafka's image.
    /// </summary>
    private static readonly string[] NotNeededAtRunTime = ["software.amazon.awssdk:netty-nio-client"];

    [Fact]
    public void The_image_build_requires_in_the_kafka_image_every_artifact_the_pom_takes_from_it()
    {
        var takenFromKafka = UpstreamPaths
            .Where(path => !path.Any(NotNeededAtRunTime.Contains))
            .Select(path => path[^1].Split(':')[1])
            .ToHashSet();
        var run = DockerfileStages.Parse(RepositoryFiles.Read("connect-image", "Dockerfile")).Named("plugins")
            .Instructions.Single(instruction => instruction.Keyword == "RUN").Arguments;
        var check = run[run.IndexOf("bash check-libs.sh", StringComparison.Ordinal)..];
        var required = check.Split((char[])[' ', '\\', '\n'], StringSplitOptions.RemoveEmptyEntries).Skip(4).ToHashSet();

        Assert.Contains("jackson-databind", takenFromKafka);
        Assert.Contains("commons-logging", takenFromKafka);
        Assert.DoesNotContain("netty-codec", takenFromKafka);
        Assert.Equal(takenFromKafka.Order(), required.Order());
    }

    [Fact]
    public void The_check_refuses_an_exclusion_whose_artifact_the_kafka_image_does_not_have()
    {
        using var directories = new LibDirectories(["jackson-databind-2.19.2.jar", "slf4j-api-2.0.17.jar"]);
        directories.AddCandidates("aws-msk-iam-auth-2.3.9.jar", "httpclient-4.5.13.jar");

        var (status, output) = directories.Check("jackson-databind", "slf4j-api", "commons-logging");

        Assert.Equal(1, status);
        Assert.Contains("'commons-logging' is excluded from the candidates to be taken from the Kafka image, but the Kafka image has no commons-logging jar", output, StringComparison.Ordinal);
        Assert.DoesNotContain("'slf4j-api'", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("log4j-1.2-api-2.25.4.jar", "log4j-1.2.17.jar", false)]
    [InlineData("zstd-jni-1.5.6-6.jar", "zstd-jni-1.5.7-2.jar", true)]
    [InlineData("netty-transport-native-epoll-4.1.115.Final-linux-aarch_64.jar", "netty-transport-native-epoll-4.1.118.Final.jar", true)]
    [InlineData("jackson-module-scala_2.13-2.19.2.jar", "jackson-module-scala_2.13-2.18.3.jar", true)]
    public void The_check_compares_artifacts_without_their_versions(string kafkaJar, string candidateJar, bool collides)
    {
        using var directories = new LibDirectories([kafkaJar]);
        directories.AddCandidates(candidateJar);

        var (status, output) = directories.Check();

        Assert.Equal(collides ? 1 : 0, status);
        Assert.Equal(collides, output.Contains($"{candidateJar} duplicates {kafkaJar}", StringComparison.Ordinal));
    }

    [Fact]
    public void The_check_fails_when_the_kafka_libs_directory_is_empty()
    {
        using var directories = new LibDirectories([]);
        directories.AddCandidates("aws-msk-iam-auth-2.3.9.jar");

        var (status, output) = directories.Check();

        Assert.Equal(2, status);
        Assert.Contains("no jars in", output, StringComparison.Ordinal);
    }

    private sealed class LibDirectories : IDisposable
    {
        private readonly string root = Directory.CreateTempSubdirectory("kcc-libs-").FullName;

        public LibDirectories(IEnumerable<string> kafkaJars)
        {
            Directory.CreateDirectory(Kafka);
            Directory.CreateDirectory(Candidates);
            foreach (var jar in kafkaJars)
            {
                File.WriteAllText(Path.Combine(Kafka, jar), "");
            }
        }

        private string Kafka => Path.Combine(root, "kafka");

        private string Candidates => Path.Combine(root, "candidates");

        public void AddCandidates(params string[] jars)
        {
            foreach (var jar in jars)
            {
                File.WriteAllText(Path.Combine(Candidates, jar), "");
            }
        }

        public (int Status, string Output) Check(params string[] requiredFromKafka)
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { RepositoryFiles.PathOf("connect-image", "check-libs.sh"), Kafka, Candidates }.Concat(requiredFromKafka))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, output.Result + error.Result);
        }

        public void Dispose() => Directory.Delete(root, recursive: true);
    }
}
