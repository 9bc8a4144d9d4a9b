using System.Text.RegularExpressions;
using KafkaConnectCdk.Tests.TestKit;

namespace KafkaConnectCdk.Tests.Delivery;

/// <summary>The README and docs/ link to each other and to the code: every relative link must reach a file or a heading.</summary>
[Trait("Category", "Unit")]
public sealed partial class DocumentationTests
{
    private static IReadOnlyList<string> DocumentPaths() =>
        ["README.md", .. Directory.GetFiles(RepositoryFiles.PathOf("docs"), "*.md")
            .Select(file => Path.GetRelativePath(RepositoryFiles.Root, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> Documents() => new(DocumentPaths());

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_resolves(string document)
    {
        var broken = MarkdownLinks.Broken(RepositoryFiles.PathOf(document));

        Assert.True(broken.Count == 0, $"{document}: broken links:\n{string.Join('\n', broken)}");
    }

    [Fact]
    public void The_front_page_links_every_document_in_docs()
    {
        var readme = RepositoryFiles.Read("README.md");
        var documents = DocumentPaths().Where(document => document.StartsWith("docs/", StringComparison.Ordinal)).ToList();

        Assert.True(documents.Count >= 10, $"expected the reference split into docs/, found {documents.Count} files");
        Assert.All(documents, document => Assert.Contains($"]({document})", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void The_front_page_shows_the_generated_architecture_picture() =>
        Assert.Contains("](docs/architecture.svg)", RepositoryFiles.Read("README.md"), StringComparison.Ordinal);

    [Fact]
    public void A_link_to_a_missing_file_a_missing_heading_or_out_of_the_repository_is_reported()
    {
        var directory = Directory.CreateTempSubdirectory("kcc-links-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "other.md"), "# Other page\n\n## The `setup` step (once)\n");
            var page = Path.Combine(directory, "page.md");
            File.WriteAllText(page, string.Join('\n',
                "# Page",
                "[fine](other.md) [fine too](other.md#the-setup-step-once) [self](#page) [web](https://example.com/x.md)",
                "[gone](missing.md) [no heading](other.md#no-such-heading) ![picture](missing.svg)",
                "`[in code](nowhere.md)`",
                "```",
                "[in a block](nowhere.md)",
                "```",
                ""));

            var broken = MarkdownLinks.Broken(page);

            Assert.Equal(["missing.md", "other.md#no-such-heading", "missing.svg"], broken);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// GitHub's heading anchors as github-slugger computes them (Flet/github-slugger index.js): lower case, every
    /// character but letters, digits, '_', '-' and spaces removed, each space turned into '-'; a repeated slug gets -1, -2.
    /// </summary>
    [Theory]
    [InlineData("Compliance: cdk-nag and AWS Control Tower", "compliance-cdk-nag-and-aws-control-tower")]
    [InlineData("Connector healer (`lambda/ConnectorHealer`)", "connector-healer-lambdaconnectorhealer")]
    [InlineData("Lakehouse landing (`kcc-<env>-lakehouse`)", "lakehouse-landing-kcc-env-lakehouse")]
    [InlineData("The Iceberg sink's runtime (`connect-image/iceberg/`)", "the-iceberg-sinks-runtime-connect-imageiceberg")]
    public void Anchors_follow_github_slugger(string heading, string anchor) =>
        Assert.Equal(anchor, MarkdownLinks.Slug(heading));

    [Fact]
    public void A_repeated_heading_gets_a_numbered_anchor()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "# Deploying\n\n## Deploying\n");

            Assert.Equal(["deploying", "deploying-1"], MarkdownLinks.Anchors(file).Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>Relative links of a markdown file, outside code, and whether their targets exist.</summary>
public static partial class MarkdownLinks
{
    public static IReadOnlyList<string> Broken(string markdownFile)
    {
        var directory = Path.GetDirectoryName(markdownFile)!;
        var root = Path.GetFullPath(RepositoryFiles.Root);
        var inTempDirectory = Path.GetFullPath(directory).StartsWith(Path.GetFullPath(Path.GetTempPath()), StringComparison.Ordinal);
        var broken = new List<string>();
        foreach (var target in Targets(File.ReadAllText(markdownFile)))
        {
            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var pathPart = hash < 0 ? target : target[..hash];
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var resolved = pathPart.Length == 0 ? markdownFile : Path.GetFullPath(Path.Combine(directory, Uri.UnescapeDataString(pathPart)));
            var inside = inTempDirectory || resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            var exists = File.Exists(resolved) || Directory.Exists(resolved);
            var anchorFound = anchor is null || !resolved.EndsWith(".md", StringComparison.Ordinal) || (File.Exists(resolved) && Anchors(resolved).Contains(anchor));
            if (!inside || !exists || !anchorFound)
            {
                broken.Add(target);
            }
        }

        return broken;
    }

    public static IEnumerable<string> Targets(string markdown) =>
        Link().Matches(WithoutCode(markdown))
            .Select(match => match.Groups["target"].Value)
            .Where(target => !Scheme().IsMatch(target));

    public static IReadOnlySet<string> Anchors(string markdownFile)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(WithoutCode(File.ReadAllText(markdownFile), keepInlineCode: true)))
        {
            var slug = Slug(heading.Groups[1].Value);
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }

        return anchors;
    }

    public static string Slug(string heading) =>
        NotSlugCharacter().Replace(LinkText().Replace(heading.Trim(), "$1").ToLowerInvariant(), "").Replace(' ', '-');

    private static string WithoutCode(string markdown, bool keepInlineCode = false)
    {
        var withoutBlocks = FencedBlock().Replace(markdown, "");
        return keepInlineCode ? withoutBlocks : InlineCode().Replace(withoutBlocks, "");
    }

    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^#{1,6} +(.+?) *#*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkText();

    [GeneratedRegex(@"[^\p{L}\p{M}\p{Nd}\p{Pc} -]")]
    private static partial Regex NotSlugCharacter();

    [GeneratedRegex(@"^```.*?^```[^\n]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();
}
