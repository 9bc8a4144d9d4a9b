namespace KafkaConnectCdk.Platform;

/// <summary>Locates files of this repository (the Connect image, Lambda projects) wherever the app runs from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] relative) => Path.Combine([Root, .. relative]);

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "cdk.json")) && File.Exists(Path.Combine(directory.FullName, "KafkaConnectCdk.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("The repository root (cdk.json beside KafkaConnectCdk.sln) was not found above the working directory.");
    }
}
