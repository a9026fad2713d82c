using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Accounts.Sessions;

namespace NetworkSaaS.Tests.Accounts;

/// <summary>Server-side sessions: a cookie is worth something only while its session row is live.</summary>
public sealed partial class SessionTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _alphaSlug = Slug("alpha");
    private readonly string _bravoSlug = Slug("bravo");

    private static readonly Uri Site = new("http://localhost");

    [GeneratedRegex("<tr data-session=\"([0-9a-f-]+)\">")]
    private static partial Regex SessionRow();

    /// <summary>A browser with its own cookie jar, so a test can copy its auth cookie into another one.</summary>
    private async Task<(HttpClient Client, CookieContainer Jar)> SignInDeviceAsync(string slug, string email, string userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36")
    {
        var jar = new CookieContainer();
        var client = App.CreateDefaultClient(Site, new CookieContainerHandler(jar));
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        var response = await client.PostFormAsync($"/{slug}/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = TestApp.Password }, expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, jar);
    }

    private HttpClient CopyOfAuthCookie(CookieContainer jar)
    {
        var copied = new CookieContainer();
        copied.Add(Site, Assert.Single(jar.GetCookies(Site), c => c.Name == AuthCookie.PlainHttpName));
        return App.CreateDefaultClient(Site, new CookieContainerHandler(copied));
    }

    private static async Task AssertSignedInAsync(HttpClient client, string slug) =>
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{slug}/")).StatusCode);

    private static async Task AssertSignedOutAsync(HttpClient client, string slug)
    {
        var response = await client.GetAsync($"/{slug}/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/{slug}/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copied_cookie_is_refused_after_sign_out()
    {
        var (_, admin) = await App.CreateTenantAsync(_acmeSlug);
        var (browser, jar) = await SignInDeviceAsync(_acmeSlug, admin.Email!);
        var copy = CopyOfAuthCookie(jar);
        await AssertSignedInAsync(copy, _acmeSlug);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"/{_acmeSlug}/account/logout", [], expect: HttpStatusCode.Redirect)).StatusCode);

        await AssertSignedOutAsync(copy, _acmeSlug);
        await AssertSignedOutAsync(browser, _acmeSlug);
    }

    [Fact]
    public async Task The_security_page_lists_the_sessions_and_ending_one_kills_that_cookie_at_once()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var (laptop, _) = await SignInDeviceAsync(_acmeSlug, admin.Email!);
        var (phone, _) = await SignInDeviceAsync(_acmeSlug, admin.Email!, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148 Safari/604.1");
        var (tablet, _) = await SignInDeviceAsync(_acmeSlug, admin.Email!, "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0");

        var page = await laptop.GetStringAsync($"/{_acmeSlug}/account/security");
        Assert.Contains("Safari · iPhone", page, StringComparison.Ordinal);
        Assert.Contains("Firefox · Linux", page, StringComparison.Ordinal);
        Assert.Contains("Chrome · Windows", page, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(page, "id=\"this-device\""));
        var ids = SessionRow().Matches(page).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(3, ids.Count);
        var phoneSession = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().UserSessions
            .Where(s => s.UserAgent!.Contains("iPhone")).Select(s => s.Id).SingleAsync());
        Assert.Contains(phoneSession, ids);

        var end = await laptop.PostFormAsync($"/{_acmeSlug}/account/security/sessions?handler=Revoke", new() { ["id"] = phoneSession.ToString() }, $"/{_acmeSlug}/account/security", expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        await AssertSignedOutAsync(phone, _acmeSlug);
        await AssertSignedInAsync(tablet, _acmeSlug);
        await AssertSignedInAsync(laptop, _acmeSlug);

        var others = await laptop.PostFormAsync($"/{_acmeSlug}/account/security/sessions?handler=RevokeOthers", [], $"/{_acmeSlug}/account/security", expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, others.StatusCode);
        await AssertSignedOutAsync(tablet, _acmeSlug);
        await AssertSignedInAsync(laptop, _acmeSlug);
        Assert.Single(SessionRow().Matches(await laptop.GetStringAsync($"/{_acmeSlug}/account/security")));

        var audited = await AuditActionsAsync(tenant);
        Assert.Contains(AuditActions.SessionRevoked, audited);
        Assert.Contains(AuditActions.SessionsRevoked, audited);
    }

    [Fact]
    public async Task A_password_reset_ends_every_session_of_the_user_at_once()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var (laptop, _) = await SignInDeviceAsync(_acmeSlug, admin.Email!);
        var (phone, _) = await SignInDeviceAsync(_acmeSlug, admin.Email!);
        var token = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<UserManager<AppUser>>().GeneratePasswordResetTokenAsync(admin));

        var reset = await App.CreateBrowserlikeClient().PostFormAsync($"/{_acmeSlug}/account/reset-password", new()
        {
            ["Input.UserId"] = admin.Id.ToString(),
            ["Input.Token"] = token,
            ["Input.Password"] = "a-brand-new-password",
            ["Input.ConfirmPassword"] = "a-brand-new-password",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        // Not within the stamp's one-minute revalidation: at once.
        await AssertSignedOutAsync(laptop, _acmeSlug);
        await AssertSignedOutAsync(phone, _acmeSlug);
        var audited = await AuditActionsAsync(tenant);
        Assert.Contains(AuditActions.PasswordReset, audited);
        Assert.Contains(AuditActions.SessionsRevoked, audited);
    }

    [Fact]
    public async Task A_changed_password_ends_the_other_sessions_at_once_and_keeps_the_one_making_the_change()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var (phone, _) = await SignInDeviceAsync(_acmeSlug, admin.Email!, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148 Safari/604.1");
        var (laptop, jar) = await SignInDeviceAsync(_acmeSlug, admin.Email!);
        var before = CopyOfAuthCookie(jar);

        // What a change-password page does: the change, then RefreshSignInAsync for the device the user is on.
        var signIn = App.Services.GetRequiredService<IServiceScopeFactory>();
        await using (var scope = signIn.CreateAsyncScope())
        {
            var tenants = scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>();
            tenants.SetTenant(tenant);
            var sessionId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().UserSessions
                .Where(s => s.UserAgent!.Contains("Windows")).Select(s => s.Id).SingleAsync();
            var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
            context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [
                new(System.Security.Claims.ClaimTypes.NameIdentifier, admin.Id.ToString()),
                new(UserSessions.ClaimType, sessionId.ToString()),
            ], "test"));
            scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext = context;
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(admin.Id.ToString()))!;
            Assert.True((await users.ChangePasswordAsync(user, TestApp.Password, "a-brand-new-password")).Succeeded);

            var live = await scope.ServiceProvider.GetRequiredService<UserSessions>().LiveSessionsAsync(admin.Id, CancellationToken.None);
            Assert.Equal([sessionId], live.Select(s => s.Id));
        }

        await AssertSignedOutAsync(phone, _acmeSlug);
        await AssertSignedInAsync(before, _acmeSlug);
        _ = laptop;
    }

    [Fact]
    public async Task Refreshing_the_sign_in_after_a_credential_change_replaces_the_session_with_the_same_absolute_end()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var (_, jar) = await SignInDeviceAsync(_acmeSlug, admin.Email!);
        var old = Assert.Single(jar.GetCookies(Site), c => c.Name == AuthCookie.PlainHttpName);

        // A request of that browser, as a change-password page handles it: authenticated, then RefreshSignInAsync.
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(tenant);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Scheme = "http";
        context.Request.Host = new Microsoft.AspNetCore.Http.HostString("localhost");
        context.Request.Path = $"/{_acmeSlug}/account/security";
        context.Request.Headers.Cookie = $"{old.Name}={old.Value}";
        scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext = context;
        var authenticated = await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.AuthenticateAsync(context, IdentityConstants.ApplicationScheme);
        Assert.True(authenticated.Succeeded);
        context.User = authenticated.Principal!;
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        await signIn.RefreshSignInAsync((await signIn.UserManager.FindByIdAsync(admin.Id.ToString()))!);

        var sessions = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().UserSessions.AsNoTracking().OrderBy(s => s.RevokedAt == null).ToListAsync());
        Assert.Equal(2, sessions.Count);
        Assert.NotNull(sessions[0].RevokedAt);
        Assert.Null(sessions[1].RevokedAt);
        Assert.Equal(sessions[0].ExpiresAt, sessions[1].ExpiresAt);
        Assert.Equal(sessions[0].CreatedAt, sessions[1].CreatedAt);

        var issued = context.Response.Headers.SetCookie.Select(c => Microsoft.Net.Http.Headers.SetCookieHeaderValue.Parse(c))
            .Single(c => c.Name == AuthCookie.PlainHttpName);
        var refreshed = new CookieContainer();
        refreshed.Add(Site, new Cookie(issued.Name.Value!, issued.Value.Value));
        await AssertSignedInAsync(App.CreateDefaultClient(Site, new CookieContainerHandler(refreshed)), _acmeSlug);
        await AssertSignedOutAsync(CopyOfAuthCookie(jar), _acmeSlug);
        Assert.Single(await AuditActionsAsync(tenant), a => a == AuditActions.SignedIn);
    }

    [Fact]
    public async Task Deactivation_ends_the_users_sessions_at_once()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var colleague = await App.CreateUserAsync(tenant, $"colleague@{_acmeSlug}.test");
        var (colleagueBrowser, _) = await SignInDeviceAsync(_acmeSlug, colleague.Email!);
        var adminClient = await App.SignInAsync(_acmeSlug, admin.Email!);

        var deactivate = await adminClient.PostFormAsync($"/{_acmeSlug}/admin/users/{colleague.Id}?handler=Deactivate", [], $"/{_acmeSlug}/admin/users/{colleague.Id}", expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);

        await AssertSignedOutAsync(colleagueBrowser, _acmeSlug);
        await AssertSignedInAsync(adminClient, _acmeSlug);
    }

    [Fact]
    public async Task Company_b_cannot_end_company_a_sessions_by_id()
    {
        var (tenantA, adminA) = await App.CreateTenantAsync(_alphaSlug);
        var (_, adminB) = await App.CreateTenantAsync(_bravoSlug);
        var (browserA, _) = await SignInDeviceAsync(_alphaSlug, adminA.Email!);
        var sessionA = await App.InTenantAsync(tenantA, sp => sp.GetRequiredService<AppDbContext>().UserSessions.Select(s => s.Id).SingleAsync());
        var clientB = await App.SignInAsync(_bravoSlug, adminB.Email!);

        var revoke = await clientB.PostFormAsync($"/{_bravoSlug}/account/security/sessions?handler=Revoke", new() { ["id"] = sessionA.ToString() }, $"/{_bravoSlug}/account/security", expect: HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        var others = await clientB.PostFormAsync($"/{_bravoSlug}/account/security/sessions?handler=RevokeOthers", [], $"/{_bravoSlug}/account/security", expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, others.StatusCode);

        await AssertSignedInAsync(browserA, _alphaSlug);
        await AssertSignedInAsync(clientB, _bravoSlug);
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_active()
    {
        var (_, admin) = await App.CreateTenantAsync(_acmeSlug);
        var (browser, _) = await SignInDeviceAsync(_acmeSlug, admin.Email!);
        var clock = _clock;
        for (var hour = 1; hour < 12; hour++)
        {
            clock.UtcNow = clock.UtcNow.AddHours(1);
            await AssertSignedInAsync(browser, _acmeSlug);
        }

        clock.UtcNow = clock.UtcNow.AddMinutes(61);
        await AssertSignedOutAsync(browser, _acmeSlug);
    }

    [Fact]
    public void Outside_plain_http_hosts_the_auth_cookie_is_a_secure_host_only_cookie()
    {
        var options = new CookieAuthenticationOptions();
        AuthCookie.Name(options, overPlainHttp: false);
        Assert.Equal("__Host-networksaas.auth", options.Cookie.Name);
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always, options.Cookie.SecurePolicy);
        Assert.Equal("/", options.Cookie.Path);
        Assert.Null(options.Cookie.Domain);

        var configured = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.True(configured.Cookie.HttpOnly);
        Assert.Equal(Microsoft.AspNetCore.Http.SameSiteMode.Lax, configured.Cookie.SameSite);
        Assert.Equal(AuthCookie.PlainHttpName, configured.Cookie.Name);
    }

    private readonly SettableClock _clock = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private Task<List<string>> AuditActionsAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.Select(a => a.Action).ToListAsync());
}
