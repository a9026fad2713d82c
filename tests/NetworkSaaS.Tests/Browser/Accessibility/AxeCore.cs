using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Browser.Accessibility;

/// <summary>
/// axe-core from npm (tests/NetworkSaaS.Tests/axe: package.json and package-lock.json pin the version), injected into
/// a page through Playwright and run with the WCAG 2.0, 2.1 and 2.2 level A and AA rules. A checkout without
/// node_modules gets them from <c>npm ci</c> the first time a test needs axe.
/// </summary>
internal static class AxeCore
{
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static string? _source;

    public static string PackageFolder => Path.Combine(Repository.Root(), "tests", "NetworkSaaS.Tests", "axe");

    /// <summary>axe.min.js, installed by <c>npm ci</c> when the checkout does not have it yet.</summary>
    public static async Task<string> SourceAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_source is null)
            {
                var script = Path.Combine(PackageFolder, "node_modules", "axe-core", "axe.min.js");
                if (!File.Exists(script))
                {
                    await NpmCiAsync(PackageFolder);
                }

                _source = await File.ReadAllTextAsync(script);
            }

            return _source;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// The violations axe finds on the page as it is now. The page's browser context must bypass the Content-Security-Policy
    /// (<c>BypassCSP</c>): the policy allows no inline script, and axe arrives as one.
    /// </summary>
    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = await SourceAsync() });
        }

        var json = await page.EvaluateAsync<string>("""
            async tags => {
                const results = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                return JSON.stringify(results.violations.map(v => ({
                    id: v.id,
                    impact: v.impact,
                    help: v.help,
                    nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary || '' })),
                })));
            }
            """, Tags);
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, Json)!;
    }

    public static async Task<string> VersionAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = await SourceAsync() });
        }

        return await page.EvaluateAsync<string>("() => window.axe.version");
    }

    private static async Task NpmCiAsync(string folder)
    {
        var start = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            throw new InvalidOperationException(
                "The accessibility tests inject axe-core from npm and this machine has no npm: `apt-get install -y nodejs npm` (./test does it), " +
                $"or run `npm ci` in {folder}.");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"`npm ci` in {folder} failed (exit code {process.ExitCode}), so axe-core is missing:\n{await output}\n{await error}");
            }
        }
    }
}

public sealed record AxeViolation(string Id, string? Impact, string Help, IReadOnlyList<AxeNode> Nodes);

public sealed record AxeNode(string Target, string Summary);
