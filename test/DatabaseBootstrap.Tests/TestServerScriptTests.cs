using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace DatabaseBootstrap.Tests;

/// <summary>
/// scripts/mariadb.sh where CodeBuild runs it: as root, from a checkout the server's user `mysql` cannot traverse
/// (CodeBuild's source is under /codebuild/output/src&lt;id&gt;/...). The script is copied into a 0700 directory owned by
/// root and started from there, on its own port, beside the server scripts/test.sh already runs.
/// </summary>
[Collection(ServerCollection.Name)]
[Trait("Category", "Integration")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TestServerScriptTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("kcc-untraversable-").FullName;

    private string Checkout => Path.Combine(root, "src", "repo");

    public TestServerScriptTests()
    {
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(Path.Combine(Checkout, "scripts"));
        File.Copy(ScriptPath(), Path.Combine(Checkout, "scripts", "mariadb.sh"));
    }

    [MariaDbFact]
    public void The_server_starts_from_a_checkout_its_user_cannot_traverse_and_keeps_its_files_outside_it()
    {
        var start = Run("start");
        try
        {
            Assert.True(start.Status == 0, start.Output);
            var environment = File.ReadAllText(Path.Combine(Checkout, ".toolchain", "mariadb", "env"));
            Assert.Contains("KCC_TEST_MYSQL_PORT=", environment, StringComparison.Ordinal);
            var runtime = File.ReadAllText(Path.Combine(Checkout, ".toolchain", "mariadb", "runtime-dir")).Trim();
            Assert.StartsWith("/tmp/kcc-mariadb.", runtime, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(runtime, "mysqld.pid")), start.Output);
            Assert.False(Directory.Exists(Path.Combine(Checkout, ".toolchain", "mariadb", "data")));
        }
        finally
        {
            var stop = Run("stop");
            Assert.Equal(0, stop.Status);
        }
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private (int Status, string Output) Run(string command)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(Checkout, "scripts", "mariadb.sh"));
        info.ArgumentList.Add(command);
        // Another port than the suite's own server: the script picks the first free one from 33306.
        info.Environment.Remove("KCC_TEST_MYSQL_PORT");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/mariadb.sh {command} did not finish within 120 s");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    private static string ScriptPath([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "scripts", "mariadb.sh"));
}
