using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Tests.Isolation;
using NetworkSaaS.Tests.Reports;
using Xunit.Abstractions;

namespace NetworkSaaS.Tests.Browser.Accessibility;

/// <summary>
/// Every page, as each role and an anonymous visitor meet it, in Japanese and in English, checked by axe-core's WCAG 2.2
/// A/AA rules, plus what axe cannot judge: the page's language, the skip link, and that every chart has its data table.
/// The tenant pages come from <see cref="TenantPageMatrix"/>, so a page added there is checked here without a change.
/// </summary>
public sealed class AccessibilityTests(PostgresCluster cluster, ITestOutputHelper output) : BrowserTest(cluster)
{
    private const string Slug = "orbit";
    private static readonly string[] Languages = ["ja", "en"];

    /// <summary>Tenant pages that answer with a file (or an error page), not a page a person reads.</summary>
    private static readonly Type[] FileDownloads =
    [
        typeof(Web.Features.Contacts.ExportModel), typeof(Web.Features.Campaigns.GreetingLabelsFileModel), typeof(Web.Features.Exports.DownloadModel),
    ];

    /// <summary>
    /// Tenant pages that open only in a state this test does not create (a sign-in waiting for its second factor, an
    /// introduction to someone else's contact, the diagnostics switched on, …): not checked by axe yet (docs/accessibility.md).
    /// </summary>
    private static readonly string[] NeedStateNotCreatedHere =
    [
        "{tenant:slug}/account/security/sessions", "{tenant:slug}/account/login/mfa", "{tenant:slug}/account/login/recovery",
        "{tenant:slug}/account/security/passkeys", "{tenant:slug}/introductions/new", "{tenant:slug}/diagnostics/baseline",
    ];

    /// <summary>
    /// Routes outside /{tenant}/ not checked here: no page anyone reads (a form's target, the password meter's JSON), and
    /// the platform operator's pages behind their own password and authenticator (only their sign-in page is checked).
    /// </summary>
    private static readonly string[] NotPages = ["culture", "password-strength", "ops/enroll", "ops/login/code", "ops/logout", "ops/tenants"];

    private const string PageChecks = """
        language => {
            const problems = [];
            if (document.documentElement.lang !== language) problems.push(`<html lang="${document.documentElement.lang}">, expected "${language}"`);
            const skip = document.body.firstElementChild;
            if (!skip || skip.tagName !== 'A' || skip.getAttribute('href') !== '#main' || !skip.textContent.trim()) problems.push('the first element of <body> is not the skip link to #main');
            const main = document.getElementById('main');
            if (!main || main.tagName !== 'MAIN' || main.getAttribute('tabindex') !== '-1') problems.push('no <main id="main" tabindex="-1"> for the skip link');
            let charts = 0;
            for (const canvas of document.querySelectorAll('canvas')) {
                charts++;
                const name = canvas.closest('[id]')?.id ?? 'a canvas';
                if (canvas.getAttribute('aria-hidden') !== 'true') problems.push(`chart in #${name}: the canvas is not hidden from assistive technology (its table speaks for it)`);
                // Its table: the nearest one around it, no further out than its section.
                const section = canvas.closest('section');
                let scope = canvas.parentElement;
                while (scope && scope !== section && !scope.querySelector('table')) scope = scope.parentElement;
                const table = scope?.querySelector('table');
                if (!table) { problems.push(`chart in #${name}: no data table in its section`); continue; }
                if (!table.caption || !table.caption.textContent.trim()) problems.push(`chart in #${name}: its table has no caption`);
                if (!table.querySelector('thead th[scope=col]')) problems.push(`chart in #${name}: its table has no column headers`);
                const text = table.textContent;
                const spec = JSON.parse(canvas.dataset.chart || '{"labels":[]}');
                for (const label of spec.labels) if (!text.includes(label)) problems.push(`chart in #${name}: "${label}" is drawn but not in its table`);
            }
            return JSON.stringify({ problems, charts });
        }
        """;

    private readonly List<string> _failures = [];
    private readonly HashSet<string> _checked = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reachedRoutes = new(StringComparer.Ordinal);
    private int _axeRuns;
    private int _charts;
    private readonly HashSet<string> _reachedBy = new(StringComparer.Ordinal);

    /// <summary>The employee's business card, on, with every detail and the "leave your details" form.</summary>
    private Task<string> PublicCardAsync(ReportDataset data) =>
        App.InTenantAsync(data.Tenant, async sp =>
        {
            var db = sp.GetRequiredService<Core.Data.AppDbContext>();
            var card = new Core.Features.Cards.BusinessCard
            {
                UserId = data.Employee.Id, Handle = "employee", Token = Web.Features.Cards.CardAddress.NewToken(), Enabled = true, FormEnabled = true,
                Shown = Core.Features.Cards.CardDetails.Kana | Core.Features.Cards.CardDetails.Title | Core.Features.Cards.CardDetails.Message,
                Message = "Let's keep in touch.", CreatedAt = DateTimeOffset.UtcNow,
            };
            db.BusinessCards.Add(card);
            await db.SaveChangesAsync();
            return Web.Features.Cards.CardAddress.Format(card.Handle, card.Token);
        });

    [Fact]
    public async Task Every_page_passes_axe_WCAG_2_2_AA_for_each_role_and_visitor_in_japanese_and_english()
    {
        var watch = Stopwatch.StartNew();
        await StartAsync();
        var data = await ReportDataset.SeedAsync(App, Slug);
        var ids = await TenantPageMatrix.SeedAsync(App, data.Tenant, data.Admin);
        var card = await PublicCardAsync(data);

        var anonymous = await NewCheckedPageAsync();
        var admin = await SignInCheckedAsync(data.Admin.Email!);
        var roles = new List<(string Role, IPage Page)>();
        foreach (var (role, user) in new[] { ("employee", data.Employee), ("manager", data.Manager), ("hr", data.Hr), ("executive", data.Executive) })
        {
            roles.Add((role, await SignInCheckedAsync(user.Email!)));
        }

        foreach (var language in Languages)
        {
            foreach (var page in roles.Select(r => r.Page).Append(anonymous).Append(admin))
            {
                await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = BaseUrl }]);
            }

            foreach (var path in new[] { "/", "/signup", "/error/404", "/error/500", "/no-such-company/", "/ops/login" })
            {
                await CheckAsync(anonymous, "anonymous", language, path, route: null);
            }

            // The matrix's card address is one that does not exist (a 404 for everyone); a real card, with its form, is
            // checked here as the public sees it.
            var cardRoute = TenantPageMatrix.Rows.Single(r => r.Model == typeof(Web.Features.Cards.CardModel)).Route;
            await CheckAsync(anonymous, "anonymous", language, $"/{Slug}/card/{card}", cardRoute);
            await CheckAsync(anonymous, "anonymous", language, $"/{Slug}/card/{card}/thanks", cardRoute);

            var pages = TenantPageMatrix.Rows.Where(r => !FileDownloads.Contains(r.Model)).ToList();
            foreach (var row in pages)
            {
                await CheckAsync(admin, "admin", language, $"/{Slug}/{row.Path(ids)}", row.Route);
            }

            // The other visitors: their own home page and menu, and every page the admin could not open as itself (a page
            // both open is the same view, checked above as the admin).
            foreach (var (role, page) in roles.Prepend(("anonymous", anonymous)))
            {
                await CheckAsync(page, role, language, $"/{Slug}/", TenantPageMatrix.Rows[0].Route);
                foreach (var row in pages.Where(r => !_reachedBy.Contains($"{language} admin {r.Route}")))
                {
                    await CheckAsync(page, role, language, $"/{Slug}/{row.Path(ids)}", row.Route);
                }
            }
        }

        await AssertFileDownloadsAreFilesAsync(admin, ids);
        AssertEveryPageWasReached();
        output.WriteLine($"{_axeRuns} pages checked by axe ({_checked.Count} distinct), {_charts} charts, in {watch.Elapsed.TotalSeconds:F0} s");
        Assert.True(_charts > 0, "no chart was checked: the reports pages drew none");
        Assert.True(_failures.Count == 0, $"{_failures.Count} accessibility problems:\n" + string.Join("\n", _failures));
    }

    private async Task CheckAsync(IPage page, string visitor, string language, string path, string? route)
    {
        IResponse? response;
        try
        {
            response = await page.GotoAsync(path);
        }
        catch (PlaywrightException e) when (e.Message.Contains("Download is starting", StringComparison.Ordinal))
        {
            _failures.Add($"{path} [{language}, {visitor}]: answers with a file; list its page model in {nameof(FileDownloads)}");
            return;
        }

        if (response is null)
        {
            _failures.Add($"{path} [{language}, {visitor}]: no response");
            return;
        }

        var status = await page.EvaluateAsync<string?>("() => document.getElementById('status-page')?.dataset.status ?? null");
        var landedOn = new Uri(page.Url).AbsolutePath;
        if (route is not null && status is null && landedOn == path.Split('?')[0])
        {
            _reachedRoutes.Add(route);
            _reachedBy.Add($"{language} {visitor} {route}");
        }

        // The same page seen again (every protected page sends a visitor to the same sign-in form, every refusal shows the
        // same error page) is checked once per visitor and language.
        var key = status is null ? $"{language} {visitor} {landedOn}" : $"{language} status {status}";
        if (_checked.Add(key))
        {
            await CheckCurrentAsync(page, visitor, language, path);
        }
    }

    private async Task CheckCurrentAsync(IPage page, string visitor, string language, string path)
    {
        _axeRuns++;
        var where = $"{path} [{language}, {visitor}{(new Uri(page.Url).PathAndQuery == path ? "" : $", at {new Uri(page.Url).PathAndQuery}")}]";
        foreach (var violation in await AxeCore.RunAsync(page))
        {
            var text = new StringBuilder($"{where}: {violation.Id} ({violation.Impact}) {violation.Help}");
            foreach (var node in violation.Nodes.Take(5))
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n      {node.Target} — {node.Summary.ReplaceLineEndings(" ")}");
            }

            if (violation.Nodes.Count > 5)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n      … and {violation.Nodes.Count - 5} more");
            }

            _failures.Add(text.ToString());
            output.WriteLine(text.ToString());
        }

        var checks = System.Text.Json.JsonSerializer.Deserialize<PageCheckResult>(await page.EvaluateAsync<string>(PageChecks, language), JsonOptions)!;
        _charts += checks.Charts;
        _failures.AddRange(checks.Problems.Select(p => $"{where}: {p}"));
        foreach (var problem in checks.Problems)
        {
            output.WriteLine($"{where}: {problem}");
        }
    }

    private sealed record PageCheckResult(string[] Problems, int Charts);

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    private async Task AssertFileDownloadsAreFilesAsync(IPage admin, TenantPageMatrix.MatrixIds ids)
    {
        foreach (var row in TenantPageMatrix.Rows.Where(r => FileDownloads.Contains(r.Model)))
        {
            var response = await admin.Context.APIRequest.GetAsync($"{BaseUrl}/{Slug}/{row.Path(ids)}");
            var type = response.Headers.GetValueOrDefault("content-type", "");
            // A file, or a refusal on the error page (a campaign's label list before the campaign opens): never a page to check.
            Assert.False(response.Ok && type.StartsWith("text/html", StringComparison.Ordinal), $"{row.Route} is listed as a file download but answers with a page");
        }
    }

    /// <summary>Every tenant page was seen as itself (not only as a redirect or an error) by some visitor, and every page outside a tenant is visited.</summary>
    private void AssertEveryPageWasReached()
    {
        var unreached = TenantPageMatrix.Rows.Where(r => !FileDownloads.Contains(r.Model) && !_reachedRoutes.Contains(r.Route)).Select(r => r.Route)
            .Except(NeedStateNotCreatedHere, StringComparer.Ordinal).ToList();
        Assert.True(unreached.Count == 0, "tenant pages no visitor reached (so axe never checked them):\n" + string.Join("\n", unreached));

        var visited = new[] { "", "signup", "error/{code:int}", "ops/login" };
        var routes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern.RawText!.Trim('/'))
            .Where(r => !r.StartsWith("{tenant", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal);
        Assert.Equal(visited.Concat(NotPages).Order(StringComparer.Ordinal), routes);
    }

    private async Task<IPage> NewCheckedPageAsync()
    {
        // axe arrives as an inline script, which the app's Content-Security-Policy refuses: the policy is bypassed in
        // these contexts only. The app has no inline script or style of its own, so the page looks the same.
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, BypassCSP = true, Locale = "ja-JP" });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    private async Task<IPage> SignInCheckedAsync(string email)
    {
        var page = await NewCheckedPageAsync();
        await page.GotoAsync($"/{Slug}/account/login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", TestApp.Password);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync($"{BaseUrl}/{Slug}/");
        return page;
    }
}
