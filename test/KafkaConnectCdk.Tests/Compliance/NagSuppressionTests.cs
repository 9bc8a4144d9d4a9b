using System.Formats.Tar;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Cdklabs.CdkNag;
using KafkaConnectCdk.Compliance;

namespace KafkaConnectCdk.Tests.Compliance;

/// <summary>
/// The named suppressions against the AwsSolutions pack of the cdk-nag package the build ships: the Cdklabs.CdkNag
/// assembly embeds the npm tarball the jsii kernel loads, whose package/lib/packs/aws-solutions.js applies every rule
/// as applyRule({ ruleSuffixOverride, info, ... }) and names it AwsSolutions-SUFFIX (lib/nag-pack.js applyRule).
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class NagSuppressionTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> PackRules = new(ReadAwsSolutionsRules);

    /// <summary>Rule id to the pack's info text ("why the rule was triggered").</summary>
    private static IReadOnlyDictionary<string, string> ReadAwsSolutionsRules()
    {
        var assembly = typeof(AwsSolutionsChecks).Assembly;
        using var tarball = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(name => name.EndsWith(".tgz", StringComparison.Ordinal)))!;
        using var reader = new TarReader(new GZipStream(tarball, CompressionMode.Decompress));
        for (var entry = reader.GetNextEntry(); entry is not null; entry = reader.GetNextEntry())
        {
            if (entry.Name != "package/lib/packs/aws-solutions.js")
            {
                continue;
            }

            using var text = new StreamReader(entry.DataStream!);
            var source = text.ReadToEnd();
            var rules = AppliedRule().Matches(source)
                .ToDictionary(match => $"AwsSolutions-{match.Groups["suffix"].Value}", match => Regex.Unescape(match.Groups["single"].Success ? match.Groups["single"].Value : match.Groups["double"].Value));
            // Every applyRule call names its suffix, so none is missed or named after its function instead.
            Assert.Equal(Regex.Count(source, @"this\.applyRule\("), rules.Count);
            return rules;
        }

        throw new InvalidOperationException("package/lib/packs/aws-solutions.js not found in the Cdklabs.CdkNag tarball");
    }

    [GeneratedRegex("""ruleSuffixOverride: '(?<suffix>[A-Za-z0-9]+)',\s*info: (?:'(?<single>(?:[^'\\]|\\.)*)'|"(?<double>(?:[^"\\]|\\.)*)")""")]
    private static partial Regex AppliedRule();

    /// <summary>What each rule this app suppresses checks, in the pack's own info text (aws-solutions.js).</summary>
    public static TheoryData<string, string> RuleMeanings => new()
    {
        { "AwsSolutions-IAM4", "uses AWS managed policies" },
        { "AwsSolutions-IAM5", "contains wildcard permissions" },
        { "AwsSolutions-L1", "is not configured to use the latest runtime version" },
        { "AwsSolutions-SF1", "does not log \"ALL\" events to CloudWatch Logs" },
        { "AwsSolutions-SF2", "does not have X-Ray tracing enabled" },
        { "AwsSolutions-RDS3", "does not have multi-AZ support enabled" },
        { "AwsSolutions-RDS10", "does not have deletion protection enabled" },
        { "AwsSolutions-RDS11", "uses the default endpoint port" },
        { "AwsSolutions-SMG4", "does not have automatic rotation scheduled" },
        { "AwsSolutions-S1", "has server access logs disabled" },
        { "AwsSolutions-CB5", "does not use images provided by the CodeBuild service" },
    };

    [Fact]
    public void Every_named_suppression_answers_a_rule_of_the_aws_solutions_pack() =>
        Assert.All(NagSuppression.All, pair => Assert.True(PackRules.Value.ContainsKey(pair.Value.RuleId), $"{pair.Key}: {pair.Value.RuleId} is not an AwsSolutions rule"));

    [Theory]
    [MemberData(nameof(RuleMeanings))]
    public void Each_suppressed_rule_checks_what_its_reasons_answer(string ruleId, string meaning) =>
        Assert.Contains(meaning, PackRules.Value[ruleId], StringComparison.Ordinal);

    [Fact]
    public void Every_suppressed_rule_has_its_meaning_pinned() =>
        Assert.Equal(
            RuleMeanings.Select(row => (string)row[0]).Order(StringComparer.Ordinal),
            NagSuppression.All.Values.Select(suppression => suppression.RuleId).Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public void Every_reason_is_specific_and_belongs_to_one_rule()
    {
        Assert.All(NagSuppression.All, pair =>
        {
            Assert.True(pair.Value.Reason.Length >= 80, $"{pair.Key}: say what is allowed and why, not only that it is");
            Assert.DoesNotContain(PackRules.Value[pair.Value.RuleId], pair.Value.Reason, StringComparison.OrdinalIgnoreCase);
        });
        var shared = NagSuppression.All.GroupBy(pair => pair.Value.Reason).Where(group => group.Count() > 1).Select(group => string.Join(", ", group.Select(pair => pair.Key)));
        Assert.Empty(shared);
    }

    [Fact]
    public void Applies_to_narrows_a_copy_and_keeps_rule_and_reason()
    {
        var narrowed = NagSuppression.ConnectorTopicWildcard.AppliesTo("Resource::a", "Resource::b").AppliesTo(new RegexAppliesTo { Regex = "/^Resource::c$/" });
        var nag = narrowed.ToNag();

        Assert.Empty(NagSuppression.ConnectorTopicWildcard.Findings);
        Assert.Null(NagSuppression.ConnectorTopicWildcard.ToNag().AppliesTo);
        Assert.Equal("AwsSolutions-IAM5", nag.Id);
        Assert.Equal(NagSuppression.ConnectorTopicWildcard.Reason, nag.Reason);
        Assert.Equal(3, nag.AppliesTo!.Length);
        Assert.Equal(["Resource::a", "Resource::b"], nag.AppliesTo.Take(2));
        Assert.Equal("/^Resource::c$/", Assert.IsAssignableFrom<IRegexAppliesTo>(nag.AppliesTo[2]).Regex);
    }
}
