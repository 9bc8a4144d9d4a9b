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
    /// <param name="Info">The pack's info text, why the rule was triggered.</param>
    /// <param name="NamesFindings">
    /// Whether the rule reports named findings (returns an array, e.g. IAMNoManagedPolicies.js `[...findings]`) rather
    /// than NagRuleCompliance.NON_COMPLIANT, so that appliesTo can narrow a suppression to some of them.
    /// </param>
    private sealed record PackRule(string Info, bool NamesFindings);

    private static readonly Lazy<IReadOnlyDictionary<string, PackRule>> PackRules = new(ReadAwsSolutionsRules);

    private static IReadOnlyDictionary<string, PackRule> ReadAwsSolutionsRules()
    {
        var assembly = typeof(AwsSolutionsChecks).Assembly;
        using var tarball = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(name => name.EndsWith(".tgz", StringComparison.Ordinal)))!;
        using var reader = new TarReader(new GZipStream(tarball, CompressionMode.Decompress));
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var entry = reader.GetNextEntry(); entry is not null; entry = reader.GetNextEntry())
        {
            if (entry.Name == "package/lib/packs/aws-solutions.js" || (entry.Name.StartsWith("package/lib/rules/", StringComparison.Ordinal) && entry.Name.EndsWith(".js", StringComparison.Ordinal)))
            {
                using var text = new StreamReader(entry.DataStream!);
                sources[entry.Name] = text.ReadToEnd();
            }
        }

        var pack = sources["package/lib/packs/aws-solutions.js"];
        var rules = AppliedRule().Matches(pack).ToDictionary(
            match => $"AwsSolutions-{match.Groups["suffix"].Value}",
            match => new PackRule(
                Regex.Unescape(match.Groups["single"].Success ? match.Groups["single"].Value : match.Groups["double"].Value),
                !sources.Single(source => source.Key.EndsWith($"/{match.Groups["function"].Value}.js", StringComparison.Ordinal)).Value.Contains("NagRuleCompliance.NON_COMPLIANT", StringComparison.Ordinal)));
        // Every applyRule call names its suffix, so none is missed or named after its function instead.
        Assert.Equal(Regex.Count(pack, @"this\.applyRule\("), rules.Count);
        return rules;
    }

    [GeneratedRegex("""ruleSuffixOverride: '(?<suffix>[A-Za-z0-9]+)',\s*info: (?:'(?<single>(?:[^'\\]|\\.)*)'|"(?<double>(?:[^"\\]|\\.)*)").*?rule: \w+\.(?<function>\w+),""", RegexOptions.Singleline)]
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
        Assert.Contains(meaning, PackRules.Value[ruleId].Info, StringComparison.Ordinal);

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
            Assert.DoesNotContain(PackRules.Value[pair.Value.RuleId].Info, pair.Value.Reason, StringComparison.OrdinalIgnoreCase);
        });
        var shared = NagSuppression.All.GroupBy(pair => pair.Value.Reason).Where(group => group.Count() > 1).Select(group => string.Join(", ", group.Select(pair => pair.Key)));
        Assert.Empty(shared);
    }

    [Fact]
    public void Applies_to_is_allowed_exactly_on_the_rules_that_name_their_findings() =>
        Assert.Equal(
            NagSuppression.All.Values.Select(suppression => suppression.RuleId).Where(ruleId => PackRules.Value[ruleId].NamesFindings).Distinct().Order(StringComparer.Ordinal),
            NagSuppression.GranularRules.Order(StringComparer.Ordinal));

    [Fact]
    public void Applies_to_on_a_rule_without_named_findings_is_refused_naming_the_rule()
    {
        var error = Assert.Throws<InvalidOperationException>(() => NagSuppression.DatabaseDefaultPort.AppliesTo("Resource::*"));

        Assert.Contains("AwsSolutions-RDS11", error.Message, StringComparison.Ordinal);
        Assert.Contains("without AppliesTo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Applies_to_needs_a_finding() =>
        Assert.Contains("at least one finding", Assert.Throws<ArgumentException>(() => NagSuppression.ConnectorTopicWildcard.AppliesTo(Array.Empty<string>())).Message, StringComparison.Ordinal);

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
