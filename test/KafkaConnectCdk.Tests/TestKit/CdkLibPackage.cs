using System.Formats.Tar;
using System.IO.Compression;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>
/// Files of the aws-cdk-lib npm package this app synthesizes with: the Amazon.CDK.Lib assembly embeds it
/// (aws-cdk-lib-&lt;version&gt;.tgz), so tests read the exact handler code the templates deploy.
/// </summary>
public static class CdkLibPackage
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Files = new(Load);

    /// <summary>Paths inside the package (without the leading <c>package/</c>) that tests read.</summary>
    public static readonly IReadOnlyList<string> Wanted =
    [
        "custom-resource-handlers/dist/aws-eks/kubectl-handler/get/__init__.py",
        "aws-eks/lib/kubectl-provider.js",
        "aws-eks/lib/k8s-object-value.js",
    ];

    public static string Version { get; } = typeof(Amazon.CDK.App).Assembly.GetManifestResourceNames()
        .Single(name => name.EndsWith(".tgz", StringComparison.Ordinal))["Amazon.CDK.Lib.aws-cdk-lib-".Length..^".tgz".Length];

    public static string Read(string path) => Files.Value[path];

    private static IReadOnlyDictionary<string, string> Load()
    {
        var assembly = typeof(Amazon.CDK.App).Assembly;
        using var stream = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(name => name.EndsWith(".tgz", StringComparison.Ordinal)))!;
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        while (tar.GetNextEntry() is { } entry && files.Count < Wanted.Count)
        {
            var path = entry.Name.StartsWith("package/", StringComparison.Ordinal) ? entry.Name["package/".Length..] : entry.Name;
            if (Wanted.Contains(path) && entry.DataStream is { } data)
            {
                using var reader = new StreamReader(data);
                files[path] = reader.ReadToEnd();
            }
        }

        return files;
    }
}
