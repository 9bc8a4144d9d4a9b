using System.Text.RegularExpressions;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Connect;

/// <summary>
/// The Apache Iceberg sink's runtime is built from the 1.11.0 source in the Connect image's `iceberg` stage (no Docker
/// here: these tests read the Dockerfile and connect-image/iceberg/VERSION). Upstream facts are from
/// github.com/apache/iceberg at tag apache-iceberg-1.11.0, read from a mirror with git on 2026-12-01.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class IcebergSinkRuntimeTests
{
    /// <summary>`git rev-parse apache-iceberg-1.11.0^{commit}` on github.com/apache/iceberg (the tag is annotated).</summary>
    private const string ReleaseCommit = "6976e020b894f6a6777704df2b8c4458cb291ae9";

    private static DockerfileStages Stages => DockerfileStages.Parse(RepositoryFiles.Read("connect-image", "Dockerfile"));

    private static DockerStage Iceberg => Stages.Named("iceberg");

    private static string Build => Iceberg.Instructions.Last(instruction => instruction.Keyword == "RUN").Arguments;

    private static IReadOnlyDictionary<string, string> Pin =>
        RepositoryFiles.Read("connect-image", "iceberg", "VERSION").Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);

    [Fact]
    public void The_pin_names_the_1_11_0_release_and_the_commit_its_tag_points_to()
    {
        Assert.Equal("https://github.com/apache/iceberg.git", Pin["ICEBERG_REPOSITORY"]);
        Assert.Equal("apache-iceberg-1.11.0", Pin["ICEBERG_TAG"]);
        Assert.Equal($"apache-iceberg-{Pin["ICEBERG_VERSION"]}", Pin["ICEBERG_TAG"]);
        Assert.Equal(ReleaseCommit, Pin["ICEBERG_COMMIT"]);
        Assert.Matches(FullCommitId(), Pin["ICEBERG_COMMIT"]);
    }

    /// <summary>gradle/wrapper/gradle-wrapper.properties@apache-iceberg-1.11.0: distributionUrl gradle-8.14.4-bin.zip.</summary>
    [Fact]
    public void The_gradle_version_is_the_wrappers_at_the_pinned_commit() =>
        Assert.Equal("8.14.4", Pin["GRADLE_VERSION"]);

    /// <summary>A RUN in a stage for the arm64 target fails on x86_64 CodeBuild without QEMU (aws/aws-cdk#28863).</summary>
    [Fact]
    public void The_stage_builds_on_the_build_host_with_a_jdk_the_iceberg_build_accepts()
    {
        Assert.Equal("$BUILDPLATFORM", Iceberg.Platform);
        // build.gradle@apache-iceberg-1.11.0:54-78: "This build must be run with JDK 17 or 21".
        Assert.Matches(@"^public\.ecr\.aws/docker/library/eclipse-temurin:(17|21)\.[0-9.]+_[0-9]+-jdk-[a-z]+(@sha256:[0-9a-f]{64})?$", Iceberg.Base);
    }

    [Fact]
    public void The_stage_fetches_exactly_the_pinned_commit_and_refuses_any_other_head()
    {
        Assert.Contains(Iceberg.Instructions, instruction => instruction == new DockerInstruction("COPY", "iceberg/VERSION /build/VERSION"));
        var steps = Steps(Build);

        var sourced = steps.IndexOf(". /build/VERSION");
        var fetched = steps.IndexOf("git fetch --quiet --depth 1 origin \"$ICEBERG_COMMIT\"");
        var checkedOut = steps.IndexOf("git checkout --quiet --detach FETCH_HEAD");
        var verified = steps.IndexOf("test \"$(git rev-parse HEAD)\" = \"$ICEBERG_COMMIT\"");
        var built = steps.FindIndex(step => step.StartsWith(GradleCommand, StringComparison.Ordinal));

        Assert.Equal("set -eux", steps[0]);
        Assert.Contains("git remote add origin \"$ICEBERG_REPOSITORY\"", steps);
        Assert.True(sourced >= 0 && sourced < fetched && fetched < checkedOut && checkedOut < verified && verified < built,
            string.Join(Environment.NewLine, steps));
        Assert.DoesNotContain(steps, step => step.Contains("ICEBERG_TAG", StringComparison.Ordinal));
    }

    /// <summary>
    /// build.gradle@apache-iceberg-1.11.0 getProjectVersion(): version.txt, when present, is the version (the source
    /// release's way); otherwise the version comes from git tags, which a fetch by commit id does not bring, and the
    /// zip's manifest.json (`__VERSION__`) and file names would not say 1.11.0.
    /// </summary>
    [Fact]
    public void The_build_is_given_the_release_version_as_the_source_release_does() =>
        Assert.Contains("echo \"$ICEBERG_VERSION\" > version.txt", Steps(Build));

    /// <summary>
    /// gradlew@apache-iceberg-1.11.0:89-90 downloads gradle-wrapper.jar, unchecked, from the gradle/gradle repository at
    /// tag v8.14.4 when it is missing (it is not in the tree); that file is the wrapper Gradle's own build uses, so no
    /// published wrapper checksum is guaranteed to match it. The stage runs the distribution itself instead: the one
    /// gradle/wrapper/gradle-wrapper.properties@apache-iceberg-1.11.0 names (distributionUrl
    /// https\://services.gradle.org/distributions/gradle-8.14.4-bin.zip, distributionSha256Sum f1771298…380d), read from
    /// the checked-out commit and checked before anything from it runs.
    /// </summary>
    [Fact]
    public void The_gradle_distribution_is_the_one_icebergs_wrapper_properties_name_and_is_checked_before_it_runs()
    {
        var steps = Steps(Build);
        var verified = steps.IndexOf("test \"$(git rev-parse HEAD)\" = \"$ICEBERG_COMMIT\"");
        var urlRead = steps.FindIndex(step => step.Contains("s/^distributionUrl=//p' gradle/wrapper/gradle-wrapper.properties", StringComparison.Ordinal));
        var sumRead = steps.FindIndex(step => step.Contains("s/^distributionSha256Sum=//p' gradle/wrapper/gradle-wrapper.properties", StringComparison.Ordinal));
        var urlPinned = steps.IndexOf("test \"$distribution_url\" = \"https://services.gradle.org/distributions/gradle-${GRADLE_VERSION}-bin.zip\"");
        var downloaded = steps.IndexOf("curl -fsSL -o /build/gradle.zip \"$distribution_url\"");
        // Steps() collapses whitespace: the Dockerfile has sha256sum's two-space "checksum  file" line.
        var checkedSum = steps.IndexOf("echo \"$distribution_sha256 /build/gradle.zip\" | sha256sum --check --strict -");
        var unpacked = steps.IndexOf("unzip -q /build/gradle.zip -d /opt");
        var built = steps.FindIndex(step => step.StartsWith(GradleCommand, StringComparison.Ordinal));

        Assert.True(verified >= 0 && verified < urlRead && urlRead < sumRead && sumRead < urlPinned && urlPinned < downloaded
            && downloaded < checkedSum && checkedSum < unpacked && unpacked < built, string.Join(Environment.NewLine, steps));
        Assert.Contains("test -n \"$distribution_sha256\"", steps);
        Assert.DoesNotContain(steps, step => step.Contains("gradlew", StringComparison.Ordinal) || step.Contains("gradle-wrapper.jar", StringComparison.Ordinal));
    }

    /// <summary>Where `unzip -d /opt` puts the distribution: Gradle's -bin.zip has one top directory, gradle-&lt;version&gt;.</summary>
    private const string GradleCommand = "\"/opt/gradle-${GRADLE_VERSION}/bin/gradle\"";

    /// <summary>
    /// settings.gradle@apache-iceberg-1.11.0:190-204 includes `:iceberg-kafka-connect:iceberg-kafka-connect-runtime`
    /// (directory kafka-connect/kafka-connect-runtime) only when kafkaVersions contains 3; kafka-connect/build.gradle
    /// applies the `distribution` plugin there and keeps distZip (it disables jar and distTar); Iceberg's
    /// .github/workflows/kafka-connect-ci.yml passes -DsparkVersions= -DflinkVersions= -DkafkaVersions=3.
    /// </summary>
    [Fact]
    public void The_gradle_task_is_the_runtime_projects_distzip_as_the_release_names_it()
    {
        var gradle = Steps(Build).Single(step => step.StartsWith(GradleCommand, StringComparison.Ordinal));

        Assert.Equal(
            "\"/opt/gradle-${GRADLE_VERSION}/bin/gradle\" --no-daemon --console=plain -DsparkVersions= -DflinkVersions= -DkafkaVersions=3 -x test -x integrationTest :iceberg-kafka-connect:iceberg-kafka-connect-runtime:distZip",
            Regex.Replace(gradle, @"\s+", " "));
    }

    /// <summary>
    /// Gradle's distribution plugin names the main zip `&lt;project name&gt;-&lt;version&gt;.zip` with one top directory of
    /// that name under build/distributions; kafka-connect/build.gradle@apache-iceberg-1.11.0 puts the runtime
    /// classpath in its lib/ (the jars of iceberg-kafka-connect and iceberg-kafka-connect-transforms among them).
    /// </summary>
    [Fact]
    public void The_zips_lib_directory_becomes_the_plugin_and_the_sinks_own_jars_must_be_in_it()
    {
        var steps = Steps(Build);

        Assert.Contains(steps, step => step.Contains("kafka-connect/kafka-connect-runtime/build/distributions/iceberg-kafka-connect-runtime-${ICEBERG_VERSION}.zip", StringComparison.Ordinal));
        Assert.Contains("mv \"/unpacked/iceberg-kafka-connect-runtime-${ICEBERG_VERSION}/lib\" /out/iceberg-sink", steps);
        Assert.Contains(steps, step => step.StartsWith("ls ", StringComparison.Ordinal)
            && step.Contains("/out/iceberg-sink/iceberg-kafka-connect-${ICEBERG_VERSION}.jar", StringComparison.Ordinal)
            && step.Contains("/out/iceberg-sink/iceberg-kafka-connect-transforms-${ICEBERG_VERSION}.jar", StringComparison.Ordinal));
    }

    /// <summary>
    /// The runtime bundles AWS SDK v2, Jackson, Avro and Hadoop (kafka-connect/build.gradle@apache-iceberg-1.11.0:102-146):
    /// on the plugin path they stay in the plugin's own class loader, away from the worker classpath and the other plugins.
    /// </summary>
    [Fact]
    public void The_image_copies_the_runtime_onto_the_plugin_path_in_its_own_directory()
    {
        Assert.Contains(new DockerInstruction("COPY", "--from=iceberg /out/iceberg-sink/ /opt/kafka/plugins/iceberg-sink/"), Stages.Final.Instructions);
        Assert.DoesNotContain(Stages.Final.Instructions, instruction => instruction.Arguments.Contains("--from=iceberg", StringComparison.Ordinal) && instruction.Arguments.Contains("/opt/kafka/libs", StringComparison.Ordinal));
    }

    /// <summary>The RUN's shell steps: the `;`-separated commands, continuations already joined.</summary>
    private static List<string> Steps(string run) =>
        [.. run.Split(';').Select(step => Regex.Replace(step.Trim(), @"\s+", " ")).Where(step => step.Length > 0)];

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex FullCommitId();
}
