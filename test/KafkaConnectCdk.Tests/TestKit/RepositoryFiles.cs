using System.Runtime.CompilerServices;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>Locates the repository's own files (cdk.json, package.json, ...) from the test sources.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string TestProjectDirectory { get; } = Path.Combine(Root, "test", "KafkaConnectCdk.Tests");

    public static string PathOf(params string[] relative) => Path.Combine([Root, .. relative]);

    public static string Read(params string[] relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        for (var directory = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KafkaConnectCdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"KafkaConnectCdk.sln not found above {sourceFile}");
    }
}
