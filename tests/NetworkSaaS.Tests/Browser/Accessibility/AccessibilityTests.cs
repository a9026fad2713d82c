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
/// <summary>One class per language, so the two halves run in parallel (each is the longest test of the suite alone).</summary>
public sealed class AccessibilityTestsInJapanese(PostgresCluster cluster, ITestOutputHelper output) : AccessibilityTests(cluster, output, "ja");

public sealed class AccessibilityTestsInEnglish(PostgresCluster cluster, ITestOutputHelper output) : AccessibilityTests(cluster, output, "en");

public abstract class AccessibilityTests(PostgresCluster cluster, ITestOutputHelper output, string language) : BrowserTest(cluster)
{
    private const string Slug = "orbit";

    /// <summary>Tenant pages that answer with a file (or an error page), not a page a person reads.</summary>
    private static readonly Type[] FileDownloads =
    [
        typeof(Web.Features.Contacts.ExportModel), typeof(Web.Features.Campaigns.GreetingLabelsFileModel), typeof(Web.Features.Exports.DownloadModel),
    ];

    /// <summary>
    /// Tenant pages whose GET sends a person to the security page, where their part is shown: checked there with the state
    /// that makes it appear (a second session with its "End this session" form, a passkey with its rename and delete forms).
    /// </summary>
    private const string SessionsRoute = "{tenant:slug}/account/security/sessions";
    private const string PasskeysRoute = "{tenant:slug}/account/security/passkeys";
    private const string MfaRoute = "{tenant:slug}/account/login/mfa";
    private const string RecoveryRoute = "{tenant:slug}/account/login/recovery";

    /// <summary>The platform operator's pages behind its password (and authenticator), checked as an operator meets them.</summary>
    private static readonly string[] OperatorPages = ["ops/enroll", "ops/login/code", "ops/tenants"];

    /// <summary>
    /// Routes outside /{tenant}/ not checked here: no page anyone reads (a form's target, the password meter's JSON), and
    /// the operator's sign-out (a form's target).
    /// </summary>
    private static readonly string[] NotPages = ["culture", "password-strength", "ops/logout"];

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

    /// <summary>The benchmark's baseline page is switched on, as the benchmark does (it is 404 otherwise).</summary>
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { [Web.Features.Diagnostics.BaselineModel.SettingName] = "true" };

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
    public async Task Every_page_passes_axe_WCAG_2_2_AA_for_each_role_and_visitor()
    {
        var watch = Stopwatch.StartNew();
        await StartAsync();
        var data = await ReportDataset.SeedAsync(App, Slug);
        var ids = await TenantPageMatrix.SeedAsync(App, data.Tenant, data.Admin);
        var card = await PublicCardAsync(data);
        // Pages that open only for a row the matrix does not make: an introduction to a colleague's shared contact, and the
        // baseline page inside the layout (its bare form, without layout, is checked by axe alone below).
        var introductionTarget = await App.CreateContactAsync(data.Tenant, data.Employee.Id, "Tanaka", "Hana", "Sakura Trading", Core.Features.Contacts.ContactVisibility.Shared);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["{tenant:slug}/introductions/new"] = $"introductions/new?contact={introductionTarget.Id}",
            ["{tenant:slug}/diagnostics/baseline"] = "diagnostics/baseline?layout=true",
        };
        string PathOf(TenantPageMatrix.Row row) => paths.GetValueOrDefault(row.Route) ?? row.Path(ids);
        var mfaUser = await UserWithAuthenticatorAsync(data);

        var anonymous = await NewCheckedPageAsync();
        var admin = await SignInCheckedAsync(data.Admin.Email!);
        var roles = new List<(string Role, IPage Page)>();
        foreach (var (role, user) in new[] { ("employee", data.Employee), ("manager", data.Manager), ("hr", data.Hr), ("executive", data.Executive) })
        {
            roles.Add((role, await SignInCheckedAsync(user.Email!)));
        }

        var (withPasskey, passkeyOrigin) = await AdminWithPasskeyAsync(data.Admin.Email!);

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
            await CheckAsync(admin, "admin", language, $"/{Slug}/{PathOf(row)}", row.Route);
        }

        // The other visitors: their own home page and menu, and every page the admin could not open as itself (a page
        // both open is the same view, checked above as the admin).
        foreach (var (role, page) in roles.Prepend(("anonymous", anonymous)))
        {
            await CheckAsync(page, role, language, $"/{Slug}/", TenantPageMatrix.Rows[0].Route);
            foreach (var row in pages.Where(r => !_reachedBy.Contains($"{language} admin {r.Route}")))
            {
                await CheckAsync(page, role, language, $"/{Slug}/{PathOf(row)}", row.Route);
            }
        }

        await CheckBareBaselineAsync(admin, language);
        await CheckSecurityPageWithSessionsAndPasskeyAsync(withPasskey, passkeyOrigin, language);
        await CheckSignInWithSecondFactorAsync(mfaUser, language);
        await CheckOperatorPagesAsync(language);

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

    /// <summary>The baseline page as the benchmark loads it: no layout (so no skip link or menu), axe and its language only.</summary>
    private async Task CheckBareBaselineAsync(IPage admin, string language)
    {
        var path = $"/{Slug}/diagnostics/baseline";
        await admin.GotoAsync(path);
        await admin.WaitForSelectorAsync("#baseline");
        _axeRuns++;
        foreach (var violation in await AxeCore.RunAsync(admin))
        {
            _failures.Add($"{path} [{language}, admin]: {violation.Id} ({violation.Impact}) {violation.Help}");
        }

        var lang = await admin.EvaluateAsync<string>("() => document.documentElement.lang");
        if (lang != language)
        {
            _failures.Add($"{path} [{language}, admin]: <html lang=\"{lang}\">, expected \"{language}\"");
        }
    }

    /// <summary>
    /// The admin signed in a second time, on a host name WebAuthn accepts (localhost), with chromium's virtual
    /// authenticator: a passkey is added through the security page, as a person does.
    /// </summary>
    private async Task<(IPage Page, string Origin)> AdminWithPasskeyAsync(string email)
    {
        var origin = new UriBuilder(BaseUrl) { Host = "localhost" }.Uri.ToString().TrimEnd('/');
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = origin, BypassCSP = true, Locale = "ja-JP" });
        context.SetDefaultTimeout(BrowserTest.PageTimeout);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true, ["hasUserVerification"] = true,
                ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
        await page.GotoAsync($"/{Slug}/account/login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", TestApp.Password);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync($"{origin}/{Slug}/");
        await page.GotoAsync($"/{Slug}/account/security");
        await page.FillAsync("#passkey-name", "Work laptop");
        await page.ClickAsync("#passkey-add button[type=submit]");
        await page.WaitForSelectorAsync("#passkey-list");
        return (page, origin);
    }

    /// <summary>The security page showing another session (with its "End this session" form) and a passkey (rename, delete).</summary>
    private async Task CheckSecurityPageWithSessionsAndPasskeyAsync(IPage page, string origin, string language)
    {
        await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = origin }]);
        var path = $"/{Slug}/account/security";
        await CheckAsync(page, "admin with a passkey and a second session", language, path, route: null);
        if (await page.Locator("#sessions tr[data-session] form button").CountAsync() > 0)
        {
            _reachedRoutes.Add(SessionsRoute);
        }
        else
        {
            _failures.Add($"{path} [{language}]: no other session to end was shown");
        }

        if (await page.Locator("#passkey-list").CountAsync() > 0)
        {
            _reachedRoutes.Add(PasskeysRoute);
        }
        else
        {
            _failures.Add($"{path} [{language}]: the passkey was not listed");
        }
    }

    /// <summary>An employee with an authenticator app on, signed in with the password only.</summary>
    private Task<Core.Features.Accounts.AppUser> UserWithAuthenticatorAsync(ReportDataset data) =>
        App.InTenantAsync(data.Tenant, async sp =>
        {
            var user = await App.CreateUserAsync(data.Tenant, "two-factor@orbit.test");
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Core.Features.Accounts.AppUser>>();
            user = (await users.FindByIdAsync(user.Id.ToString()))!;
            Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
            Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
            return user;
        });

    /// <summary>The second step of a sign-in (code, then recovery code), between the password and the home page.</summary>
    private async Task CheckSignInWithSecondFactorAsync(Core.Features.Accounts.AppUser user, string language)
    {
        var page = await NewCheckedPageAsync();
        await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = BaseUrl }]);
        await page.GotoAsync($"/{Slug}/account/login");
        await page.FillAsync("#Input_Email", user.Email!);
        await page.FillAsync("#Input_Password", TestApp.Password);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync(url => url.Contains($"/{Slug}/account/login/mfa", StringComparison.Ordinal));
        await CheckAsync(page, "signing in with an authenticator", language, $"/{Slug}/account/login/mfa", MfaRoute);
        await CheckAsync(page, "signing in with an authenticator", language, $"/{Slug}/account/login/recovery", RecoveryRoute);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// An operator made by the command line: the enrollment page (after the one-time password), the company list, and
    /// the code page of a later sign-in.
    /// </summary>
    private async Task CheckOperatorPagesAsync(string language)
    {
        var email = $"ops-{language}@platform.test";
        var oneTimePassword = await Web.Features.Ops.CreateOperatorCommand.RunAsync(App.Services, email, TextWriter.Null);
        const string newPassword = "a-long-operator-passphrase";
        var page = await NewCheckedPageAsync();
        await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = BaseUrl }]);
        await SubmitOperatorPasswordAsync(page, email, oneTimePassword, "/ops/enroll");
        await CheckAsync(page, "operator", language, "/ops/enroll", "ops/enroll");
        var authenticator = new Accounts.Authenticator(await page.InnerTextAsync("#authenticator-key"));
        await page.FillAsync("#Input_Code", authenticator.NextCode());
        await page.FillAsync("#Input_NewPassword", newPassword);
        await page.FillAsync("#Input_ConfirmPassword", newPassword);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync($"{BaseUrl}/ops/tenants");
        await CheckAsync(page, "operator", language, "/ops/tenants", "ops/tenants");
        await page.Context.ClearCookiesAsync();
        await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = BaseUrl }]);
        await SubmitOperatorPasswordAsync(page, email, newPassword, "/ops/login/code");
        await CheckAsync(page, "operator", language, "/ops/login/code", "ops/login/code");
        await page.Context.CloseAsync();
    }

    private async Task SubmitOperatorPasswordAsync(IPage page, string email, string password, string expectedPath)
    {
        await page.GotoAsync("/ops/login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync($"{BaseUrl}{expectedPath}");
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
            .Concat(OperatorPages.Where(r => !_reachedRoutes.Contains(r))).ToList();
        Assert.True(unreached.Count == 0, "pages no visitor reached (so axe never checked them):\n" + string.Join("\n", unreached));

        var visited = new[] { "", "signup", "error/{code:int}", "ops/login" }.Concat(OperatorPages);
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
        context.SetDefaultTimeout(BrowserTest.PageTimeout);
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
