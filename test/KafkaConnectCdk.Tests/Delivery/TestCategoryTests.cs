using System.Text.RegularExpressions;
using KafkaConnectCdk.Platform;

namespace KafkaConnectCdk.Tests.Delivery;

/// <summary>
/// `scripts/test.sh --filter Category=Unit` means the same in every test project: every class under test/ that holds
/// tests declares exactly one of the four categories, directly on the class (xUnit's trait filter reads class traits).
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class TestCategoryTests
{
    private static readonly string[] Categories = ["Unit", "Integration", "Snapshot", "Nag"];

    [Fact]
    public void Every_test_class_of_every_test_project_has_a_category()
    {
        var testRoot = Path.Combine(RepositoryPaths.Root, "test");
        var files = Directory.EnumerateFiles(testRoot, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var projects = files.Select(file => Path.GetRelativePath(testRoot, file).Split(Path.DirectorySeparatorChar)[0]).ToHashSet();
        Assert.Contains("ConnectorHealer.Tests", projects);
        Assert.Contains("SchemaGate.Tests", projects);

        var testClasses = 0;
        var missing = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var declarations = ClassDeclaration().Matches(text).ToList();
            for (var index = 0; index < declarations.Count; index++)
            {
                var end = index + 1 < declarations.Count ? declarations[index + 1].Index : text.Length;
                var body = text[declarations[index].Index..end];
                if (!TestAttribute().IsMatch(body))
                {
                    continue;
                }

                testClasses++;
                var category = CategoryTrait().Matches(declarations[index].Groups["attributes"].Value).Select(match => match.Groups[1].Value).ToList();
                if (category.Count != 1 || !Categories.Contains(category[0]))
                {
                    missing.Add($"{Path.GetRelativePath(RepositoryPaths.Root, file)}: {declarations[index].Groups["name"].Value}");
                }
            }
        }

        Assert.True(testClasses > 50, $"only {testClasses} test classes found");
        Assert.True(missing.Count == 0, $"test classes without one of [Trait(\"Category\", {string.Join("|", Categories)})]:\n{string.Join('\n', missing)}");
    }

    /// <summary>A class declaration with the attribute lines directly above it.</summary>
    [GeneratedRegex(@"(?<attributes>(?:^\[[^\n]*\]\s*\n)*)^(?:public |internal )?(?:sealed |static |abstract )*(?:partial )?class (?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"^\s*\[\w*(Fact|Theory)\b", RegexOptions.Multiline)]
    private static partial Regex TestAttribute();

    [GeneratedRegex(@"\[Trait\(""Category"", ""(\w+)""\)\]")]
    private static partial Regex CategoryTrait();
}
