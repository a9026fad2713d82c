using System.Diagnostics;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Platform;

/// <summary>
/// The README's test command (`./test`) on a machine that lacks packages. The machine is simulated by PATH: a folder
/// with the few tools the script uses, a fake `dotnet` that records that it ran, and no `fc-list` or `soffice`, so the
/// fonts and LibreOffice count as missing.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TestCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"networksaas-testcmd-{Guid.NewGuid():N}")).FullName;
    private readonly string _bin;
    private readonly string _dotnetRan;

    public TestCommandTests()
    {
        _bin = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        _dotnetRan = Path.Combine(_root, "dotnet-ran");
        foreach (var tool in new[] { "bash", "env", "id", "grep", "tail", "dirname" })
        {
            File.CreateSymbolicLink(Path.Combine(_bin, tool), new[] { "/usr/bin", "/bin" }.Select(d => Path.Combine(d, tool)).First(File.Exists));
        }

        Script("dotnet", $"echo \"$*\" > {_dotnetRan}");
        Script("apt-get", "echo 'E: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Could not resolve deb.debian.org' >&2; exit 100");
        File.Copy(Path.Combine(Repository.Root(), "test"), Path.Combine(_root, "test"));
        File.SetUnixFileMode(_root, Executable);
        File.SetUnixFileMode(Path.Combine(_root, "test"), Executable);
    }

    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    [Fact]
    public async Task Without_root_or_sudo_it_stops_at_once_with_one_message_naming_the_packages_and_the_install_command()
    {
        var run = IsRoot()
            ? await RunAsync("/usr/bin/setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "env", $"PATH={_bin}", Path.Combine(_root, "test")])
            : await RunAsync(Path.Combine(_root, "test"), []);

        AssertStoppedWithOneMessage(run, "this is not root and there is no sudo");
    }

    [Fact]
    public async Task Without_the_package_registry_it_stops_at_once_with_one_message_naming_the_packages_and_the_install_command()
    {
        if (!IsRoot())
        {
            Script("sudo", "[ \"$1\" = -n ] && shift; exec \"$@\"");
        }

        var run = await RunAsync(Path.Combine(_root, "test"), []);

        AssertStoppedWithOneMessage(run, "apt-get update failed (E: Failed to fetch");
    }

    [Fact]
    public async Task With_nothing_missing_it_runs_the_whole_suite_with_the_arguments_it_was_given()
    {
        // The real fc-list and soffice after the fake folder: this machine has every package (the suite needs them).
        var run = await RunWithPathAsync($"{_bin}:/usr/bin:/bin", Path.Combine(Repository.Root(), "test"), ["--filter", "FullyQualifiedName~Some Tests"]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("", run.Output);
        Assert.Equal("test NetworkSaaS.sln --filter FullyQualifiedName~Some Tests\n", await File.ReadAllTextAsync(_dotnetRan));
    }

    private void AssertStoppedWithOneMessage((int ExitCode, string Output, string Error) run, string reason)
    {
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        var lines = run.Error.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("The tests need Debian packages this machine lacks (", lines[0], StringComparison.Ordinal);
        Assert.Contains("fonts-noto-cjk libreoffice-calc-nogui), and " + reason, lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^  sudo apt-get update && sudo apt-get install -y --no-install-recommends ([a-z-]+ )*fonts-noto-cjk libreoffice-calc-nogui$", lines[1]);
        Assert.False(File.Exists(_dotnetRan), "dotnet ran although the packages were missing.");
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(string file, string[] arguments) => RunWithPathAsync(_bin, file, arguments);

    private static async Task<(int ExitCode, string Output, string Error)> RunWithPathAsync(string path, string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.Environment["PATH"] = path;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private void Script(string name, string body)
    {
        var path = Path.Combine(_bin, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, Executable);
    }

    private static bool IsRoot() => Environment.UserName == "root";

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
