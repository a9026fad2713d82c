using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Sso;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Sso;
using Npgsql;

namespace NetworkSaaS.Tests.Sso;

/// <summary>
/// Single sign-on against a real OpenID Connect provider (<see cref="TestOidcProvider"/>): provisioning and linking,
/// roles from groups, the SSO-required policy, every refused input, and company A's SSO never reaching company B.
/// </summary>
public sealed class SsoTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private TestOidcProvider _idp = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _idp = await TestOidcProvider.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await _idp.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_first_sign_in_creates_the_employee_with_department_and_title_and_lands_on_home()
    {
        var (tenant, _) = await App.CreateTenantAsync("sakura");
        await ConnectAsync(tenant, "sakura-client", "sakura.test");
        var idp = _idp.AddUser(new TestOidcUser("hanako@sakura.test") { Name = "山田 花子", Kana = "やまだ はなこ", Department = "営業部", Title = "課長" });

        var client = App.CreateBrowserlikeClient();
        var done = await SsoSignInAsync(client, "sakura", idp.Email);
        Assert.Equal("/sakura/", done.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sakura/")).StatusCode);

        var user = await App.InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var created = await sp.GetRequiredService<AppDbContext>().Users.Include(u => u.Department).SingleAsync(u => u.Email == idp.Email);
            Assert.Equal(["Employee"], await users.GetRolesAsync(created));
            Assert.Equal(created.Id, (await users.FindByLoginAsync(_idp.Issuer, idp.Subject))!.Id);
            return created;
        });
        Assert.Equal("山田 花子", user.DisplayName);
        Assert.Equal("やまだ はなこ", user.DisplayNameKana);
        Assert.Equal("営業部", user.Department!.Name);
        Assert.Equal("課長", user.Title);
        Assert.Contains(AuditActions.SsoUserProvisioned, await AuditActionsAsync(tenant));
        Assert.Contains(AuditActions.SignedIn, await AuditActionsAsync(tenant));
    }

    [Fact]
    public async Task An_existing_user_is_found_by_email_and_linked_and_a_second_sign_in_uses_the_link()
    {
        var (tenant, _) = await App.CreateTenantAsync("sakura");
        await ConnectAsync(tenant, "sakura-client", "sakura.test");
        var existing = await App.CreateUserAsync(tenant, "taro@sakura.test");
        var idp = _idp.AddUser(new TestOidcUser("taro@sakura.test") { Department = "開発部" });

        await SsoSignInAsync(App.CreateBrowserlikeClient(), "sakura", idp.Email);
        await SsoSignInAsync(App.CreateBrowserlikeClient(), "sakura", idp.Email);

        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.Users.CountAsync(u => u.Email == "taro@sakura.test"));
            Assert.Equal(existing.Id, (await sp.GetRequiredService<UserManager<AppUser>>().FindByLoginAsync(_idp.Issuer, idp.Subject))!.Id);
            Assert.Equal("開発部", (await db.Users.Include(u => u.Department).SingleAsync(u => u.Id == existing.Id)).Department!.Name);
            return 0;
        });
        Assert.Single(await AuditActionsAsync(tenant), a => a == AuditActions.SsoUserLinked);
    }

    [Fact]
    public async Task Groups_decide_the_mapped_roles_at_every_sign_in()
    {
        var (tenant, admin) = await App.CreateTenantAsync("sakura");
        await ConnectAsync(tenant, "sakura-client", "sakura.test");
        var adminClient = await App.SignInAsync("sakura", admin.Email!);
        await adminClient.PostFormAsync("/sakura/admin/sso?handler=AddGroupRole", new() { ["groupName"] = "Sales Managers", ["role"] = Roles.Manager });

        _idp.AddUser(new TestOidcUser("jiro@sakura.test") { Groups = ["everyone", "sales managers"], Subject = "jiro" });
        await SsoSignInAsync(App.CreateBrowserlikeClient(), "sakura", "jiro@sakura.test");
        Assert.Contains(Roles.Manager, await RolesOfAsync(tenant, "jiro@sakura.test"));

        _idp.AddUser(new TestOidcUser("jiro@sakura.test") { Groups = ["everyone"], Subject = "jiro" });
        await SsoSignInAsync(App.CreateBrowserlikeClient(), "sakura", "jiro@sakura.test");
        Assert.DoesNotContain(Roles.Manager, await RolesOfAsync(tenant, "jiro@sakura.test"));
    }

    [Fact]
    public async Task Sso_required_refuses_password_sign_in_reset_and_enrollment_while_the_break_glass_admin_signs_in_audited()
    {
        var (tenant, admin) = await App.CreateTenantAsync("sakura", adminEmail: "admin@sakura.test");
        var employee = await App.CreateUserAsync(tenant, "emp@sakura.test");
        var employeeClient = await App.SignInAsync("sakura", employee.Email!);
        await App.InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var a = await users.FindByIdAsync(admin.Id.ToString());
            await users.ResetAuthenticatorKeyAsync(a!);
            return await users.SetTwoFactorEnabledAsync(a!, true);
        });
        await ConnectAsync(tenant, "sakura-client", "sakura.test", ssoRequired: true);

        var refused = await App.CreateBrowserlikeClient().PostFormAsync("/sakura/account/login",
            new() { ["Input.Email"] = employee.Email!, ["Input.Password"] = TestApp.Password }, expect: HttpStatusCode.OK);
        Assert.Contains("Sign in with your company account", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await App.CreateBrowserlikeClient().PostFormAsync("/sakura/account/forgot-password", new() { ["Email"] = employee.Email! }, expect: HttpStatusCode.OK);
        var enrollment = await employeeClient.PostFormAsync("/sakura/account/security/authenticator?handler=Start", [], expect: HttpStatusCode.OK);
        Assert.Contains("no authenticator app is set up here", await enrollment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await App.InTenantAsync(tenant, sp => sp.GetRequiredService<UserManager<AppUser>>().GetAuthenticatorKeyAsync(employee)));

        var breakGlass = await App.CreateBrowserlikeClient().PostFormAsync("/sakura/account/login",
            new() { ["Input.Email"] = admin.Email!, ["Input.Password"] = TestApp.Password });
        Assert.StartsWith("/sakura/account/login/mfa", breakGlass.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var audit = await AuditAsync(tenant);
        Assert.Equal(["mfa-enrollment", "password-reset", "sign-in"],
            audit.Where(a => a.Action == AuditActions.SsoPasswordRefused).Select(a => a.Details).Order(StringComparer.Ordinal));
        Assert.Contains(audit, a => a.Action == AuditActions.SsoBreakGlass && a.Subject == admin.Email && a.Details == "sign-in");
        Assert.DoesNotContain(audit, a => a.Action == AuditActions.PasswordResetRequested);
    }

    [Fact]
    public async Task A_token_for_another_client_is_refused_audited_and_creates_nobody()
    {
        var (tenant, _) = await App.CreateTenantAsync("sakura");
        await ConnectAsync(tenant, "sakura-client", "sakura.test");
        _idp.AddUser(new TestOidcUser("mallory@sakura.test") { Audience = "umeda-client" });
        await AssertRefusedAsync(tenant, "mallory@sakura.test", SsoRefusal.Failed);
    }

    [Fact]
    public async Task A_wrong_nonce_is_refused()
    {
        var (tenant, _) = await App.CreateTenantAsync("sakura");
        await ConnectAsync(tenant, "sakura-client", "sakura.test");
        _idp.AddUser(new TestOidcUser("nonce@sakura.test") { WrongNonce = true });
        await AssertRefusedAsync(tenant, "nonce@sakura.test", SsoRefusal.Failed);
    }

    [Fact]
    public async Task An_unverified_email_is_refused()
    {
        var (tenant, _) = await App.CreateTenantAsync("sakura");
        await ConnectAsync(tenant, "sakura-client", "sakura.test");
        _idp.AddUser(new TestOidcUser("unverified@sakura.test") { EmailVerified = false });
        await AssertRefusedAsync(tenant, "unverified@sakura.test", SsoRefusal.EmailUnverified);
    }

    [Fact]
    public async Task A_user_disabled_at_the_provider_or_deactivated_here_cannot_start_a_session()
    {
        var (tenant, _) = await App.CreateTenantAsync("sakura");
        await ConnectAsync(tenant, "sakura-client", "sakura.test");
        _idp.AddUser(new TestOidcUser("gone@sakura.test") { Disabled = true });
        await AssertRefusedAsync(tenant, "gone@sakura.test", SsoRefusal.Failed);

        var leaver = await App.CreateUserAsync(tenant, "leaver@sakura.test");
        await App.InTenantAsync(tenant, async sp =>
        {
            await sp.GetRequiredService<NetworkSaaS.Web.Features.Accounts.UserDeactivation>()
                .DeactivateAsync((await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(leaver.Id.ToString()))!, null, CancellationToken.None);
            return 0;
        });
        _idp.AddUser(new TestOidcUser("leaver@sakura.test"));
        await AssertRefusedAsync(tenant, "leaver@sakura.test", SsoRefusal.Inactive, usersBefore: null);
    }

    [Fact]
    public async Task A_replayed_callback_or_code_is_refused_and_starts_no_second_session()
    {
        var (tenant, _) = await App.CreateTenantAsync("sakura");
        await ConnectAsync(tenant, "sakura-client", "sakura.test");
        _idp.AddUser(new TestOidcUser("replay@sakura.test"));

        var victim = App.CreateBrowserlikeClient();
        var start = await victim.PostFormAsync("/sakura/account/sso", new() { ["Email"] = "replay@sakura.test" });
        var callback = await AtProviderAsync(ProviderUrl(start));
        Assert.Equal("/sakura/", (await victim.GetAsync(callback.PathAndQuery)).Headers.Location!.OriginalString);

        // The same callback again: its state was used up (the correlation cookie is gone).
        Assert.Contains("/sakura/account/sso/refused", (await victim.GetAsync(callback.PathAndQuery)).Headers.Location!.OriginalString, StringComparison.Ordinal);

        // An attacker's own fresh sign-in with the stolen code: the provider refuses the used code.
        var attacker = App.CreateBrowserlikeClient();
        var own = await attacker.PostFormAsync("/sakura/account/sso", new() { ["Email"] = "replay@sakura.test" });
        var ownCallback = await AtProviderAsync(ProviderUrl(own));
        var stolenCode = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]!;
        var ownState = System.Web.HttpUtility.ParseQueryString(ownCallback.Query)["state"]!;
        var forged = await attacker.GetAsync($"/sakura/signin-oidc?code={Uri.EscapeDataString(stolenCode)}&state={Uri.EscapeDataString(ownState)}&iss={Uri.EscapeDataString(_idp.Issuer)}");
        Assert.Contains("/sakura/account/sso/refused", forged.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await attacker.GetAsync("/sakura/contacts")).StatusCode);

        var sessions = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().UserSessions.CountAsync());
        Assert.Equal(1, sessions);
        Assert.Equal(2, (await AuditActionsAsync(tenant)).Count(a => a == AuditActions.SsoSignInRefused));
    }

    [Fact]
    public async Task A_domain_claimed_by_another_company_is_refused_at_configuration_and_audited()
    {
        var (alpha, adminA) = await App.CreateTenantAsync("alpha");
        var (bravo, adminB) = await App.CreateTenantAsync("bravo");
        var clientA = await App.SignInAsync("alpha", adminA.Email!);
        await clientA.PostFormAsync("/alpha/admin/sso?handler=Add", ConnectionForm("a-client", "Sakura.test"));

        var clientB = await App.SignInAsync("bravo", adminB.Email!);
        var refused = await clientB.PostFormAsync("/bravo/admin/sso?handler=Add", ConnectionForm("b-client", "other.test, sakura.test"), expect: HttpStatusCode.OK);
        Assert.Contains("already used for sign-in by another company", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(0, await App.InTenantAsync(bravo, sp => sp.GetRequiredService<AppDbContext>().SsoConnections.CountAsync()));
        Assert.Contains(AuditActions.SsoDomainRefused, await AuditActionsAsync(bravo));
        Assert.Equal(["sakura.test"], await App.InTenantAsync(alpha, sp => sp.GetRequiredService<AppDbContext>().SsoDomains.Select(d => d.Domain).ToListAsync()));
    }

    [Fact]
    public async Task The_client_secret_is_stored_encrypted_and_never_shown()
    {
        const string secret = "very-secret-client-value-42";
        var (tenant, admin) = await App.CreateTenantAsync("sakura");
        var client = await App.SignInAsync("sakura", admin.Email!);
        await client.PostFormAsync("/sakura/admin/sso?handler=Add", ConnectionForm("sakura-client", "sakura.test", secret));

        await using var connection = new NpgsqlConnection(SuperUserConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT protected_client_secret FROM sso_connections", connection);
        var stored = (string)(await read.ExecuteScalarAsync())!;
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.Equal(secret, App.Services.GetRequiredService<SsoSecretProtector>().Unprotect(stored));

        var page = await client.GetStringAsync("/sakura/admin/sso");
        Assert.Contains("sakura-client", page, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        Assert.DoesNotContain(stored, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_connection_shows_the_claims_and_signs_nobody_in()
    {
        var (tenant, admin) = await App.CreateTenantAsync("sakura");
        var id = await ConnectAsync(tenant, "sakura-client", "sakura.test", enabled: false);
        _idp.AddUser(new TestOidcUser("tester@sakura.test") { Department = "情報システム部", Groups = ["it-admins"] });
        var client = await App.SignInAsync("sakura", admin.Email!);

        var start = await client.PostFormAsync($"/sakura/admin/sso?handler=Test&id={id}", [], formPage: "/sakura/admin/sso");
        var form = await new HttpClient().GetStringAsync(ProviderUrl(start));
        Assert.Contains("idp-sign-in", form, StringComparison.Ordinal);
        var callback = await AtProviderAsync(ProviderUrl(start), typedEmail: "tester@sakura.test");
        var result = await client.GetAsync(callback.PathAndQuery);
        Assert.Equal($"/sakura/admin/sso/test?id={id}", result.Headers.Location!.OriginalString);

        var page = await client.GetStringAsync(result.Headers.Location!.OriginalString);
        Assert.Contains("情報システム部", page, StringComparison.Ordinal);
        Assert.Contains("it-admins", page, StringComparison.Ordinal);
        Assert.Contains("sso-test-ok", page, StringComparison.Ordinal);
        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync(u => u.Email == "tester@sakura.test")));
        Assert.Contains(AuditActions.SsoConnectionTested, await AuditActionsAsync(tenant));
    }

    [Fact]
    public async Task Company_a_callback_never_signs_anyone_into_company_b_and_a_admin_cannot_touch_b_connections()
    {
        var (alpha, adminA) = await App.CreateTenantAsync("alpha");
        var (bravo, _) = await App.CreateTenantAsync("bravo");
        await ConnectAsync(alpha, "alpha-client", "alpha.test");
        var bravoConnection = await ConnectAsync(bravo, "bravo-client", "bravo.test");
        _idp.AddUser(new TestOidcUser("someone@alpha.test"));

        // A's flow, its callback replayed under /bravo/: no B scheme can read A's state, so nothing handles it.
        var browser = App.CreateBrowserlikeClient();
        var start = await browser.PostFormAsync("/alpha/account/sso", new() { ["Email"] = "someone@alpha.test" });
        var callback = await AtProviderAsync(ProviderUrl(start));
        var underBravo = await browser.GetAsync(callback.PathAndQuery.Replace("/alpha/", "/bravo/", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, underBravo.StatusCode);
        Assert.Equal(0, await App.InTenantAsync(bravo, sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync(u => u.Email == "someone@alpha.test")));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/bravo/contacts")).StatusCode);

        // B's address typed on A's sign-in page: A has no provider for it.
        await browser.PostFormAsync("/alpha/account/sso", new() { ["Email"] = "x@bravo.test" }, expect: HttpStatusCode.OK);

        // A's admin, B's connection id: not found, nothing changed.
        var admin = await App.SignInAsync("alpha", adminA.Email!);
        foreach (var handler in new[] { "Delete", "Test", "Update" })
        {
            await admin.PostFormAsync($"/alpha/admin/sso?handler={handler}&id={bravoConnection}", ConnectionForm("x", "planted.test"), formPage: "/alpha/admin/sso", expect: HttpStatusCode.NotFound);
        }

        var testPage = await admin.GetStringAsync($"/alpha/admin/sso/test?id={bravoConnection}");
        Assert.Contains("There is no test result", testPage, StringComparison.Ordinal);
        Assert.DoesNotContain("bravo-client", testPage, StringComparison.Ordinal);
        Assert.Equal(["bravo.test"], await App.InTenantAsync(bravo, sp => sp.GetRequiredService<AppDbContext>().SsoDomains.Select(d => d.Domain).ToListAsync()));
    }

    [Fact]
    public async Task The_admin_page_adds_and_turns_on_a_provider_that_then_signs_people_in()
    {
        var (tenant, admin) = await App.CreateTenantAsync("sakura");
        var client = await App.SignInAsync("sakura", admin.Email!);
        await client.PostFormAsync("/sakura/admin/sso?handler=Add", ConnectionForm("sakura-client", "sakura.test"));
        var id = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().SsoConnections.Select(c => c.Id).SingleAsync());
        _idp.AddClient("sakura-client", "client-secret-1", "http://localhost/sakura/signin-oidc");
        _idp.AddUser(new TestOidcUser("new@sakura.test"));

        // Off after adding: the sign-in page does not offer it.
        await App.CreateBrowserlikeClient().PostFormAsync("/sakura/account/sso", new() { ["Email"] = "new@sakura.test" }, expect: HttpStatusCode.OK);

        var on = ConnectionForm("sakura-client", "sakura.test", secret: "");
        on["Input.IsEnabled"] = "true";
        await client.PostFormAsync($"/sakura/admin/sso?handler=Update&id={id}", on, formPage: "/sakura/admin/sso");
        Assert.Equal("/sakura/", (await SsoSignInAsync(App.CreateBrowserlikeClient(), "sakura", "new@sakura.test")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_unreachable_provider_is_a_clear_message_on_the_sign_in_and_test_pages()
    {
        var (tenant, admin) = await App.CreateTenantAsync("sakura");
        var id = await ConnectAsync(tenant, "sakura-client", "sakura.test", authority: "http://127.0.0.1:9/");

        var signIn = await App.CreateBrowserlikeClient().PostFormAsync("/sakura/account/sso", new() { ["Email"] = "a@sakura.test" }, expect: HttpStatusCode.OK);
        Assert.Contains("cannot be reached", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(signIn.Headers.Contains("Refresh"));

        var client = await App.SignInAsync("sakura", admin.Email!);
        var test = await client.PostFormAsync($"/sakura/admin/sso?handler=Test&id={id}", [], formPage: "/sakura/admin/sso", expect: HttpStatusCode.OK);
        Assert.Contains("could not be read from http://127.0.0.1:9/", await test.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task AssertRefusedAsync(Tenant tenant, string email, string reason, int? usersBefore = 0)
    {
        var before = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync());
        var client = App.CreateBrowserlikeClient();
        var response = await SsoSignInAsync(client, "sakura", email);
        Assert.Equal(SsoRefusal.PagePath("sakura", reason), response.Headers.Location!.OriginalString);
        var page = await client.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("sso-refused", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/sakura/contacts")).StatusCode);
        Assert.Equal(before, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync()));
        if (usersBefore is not null)
        {
            Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync(u => u.Email == email)));
        }

        Assert.Contains(await AuditAsync(tenant), a => a.Action == AuditActions.SsoSignInRefused && a.Details!.StartsWith(reason, StringComparison.Ordinal));
    }

    /// <summary>A connection as the admin page saves it, registered at the test provider.</summary>
    private async Task<Guid> ConnectAsync(Tenant tenant, string clientId, string domain, bool enabled = true, bool ssoRequired = false, string? authority = null)
    {
        _idp.AddClient(clientId, $"secret-{clientId}", $"http://localhost/{tenant.Slug}/signin-oidc");
        return await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var connection = new SsoConnection
            {
                Name = "Test IdP",
                Authority = authority ?? _idp.Issuer,
                ClientId = clientId,
                ProtectedClientSecret = sp.GetRequiredService<SsoSecretProtector>().Protect($"secret-{clientId}"),
                IsEnabled = enabled,
                SsoRequired = ssoRequired,
                KanaClaim = "kana",
                DepartmentClaim = "department",
                TitleClaim = "title",
                GroupsClaim = "groups",
                CreatedAt = DateTimeOffset.UtcNow,
            };
            connection.Domains.Add(new SsoDomain { Domain = domain, ConnectionId = connection.Id });
            db.SsoConnections.Add(connection);
            await db.SaveChangesAsync();
            return connection.Id;
        });
    }

    private Dictionary<string, string> ConnectionForm(string clientId, string domains, string secret = "client-secret-1") => new()
    {
        ["Input.Name"] = "Test IdP",
        ["Input.Authority"] = _idp.Issuer,
        ["Input.ClientId"] = clientId,
        ["Input.ClientSecret"] = secret,
        ["Input.Domains"] = domains,
        ["Input.EmailClaim"] = "email",
        ["Input.NameClaim"] = "name",
        ["Input.DepartmentClaim"] = "department",
        ["Input.GroupsClaim"] = "groups",
        ["Input.JitProvisioning"] = "true",
    };

    /// <summary>"Sign in with your company account" up to the app's answer to the provider's callback.</summary>
    private async Task<HttpResponseMessage> SsoSignInAsync(HttpClient client, string slug, string email)
    {
        var start = await client.PostFormAsync($"/{slug}/account/sso", new() { ["Email"] = email });
        Assert.StartsWith(_idp.Issuer, ProviderUrl(start).AbsoluteUri, StringComparison.Ordinal);
        var callback = await AtProviderAsync(ProviderUrl(start));
        var done = await client.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        return done;
    }

    /// <summary>Where the "continuing to your company's sign-in" page goes (its Refresh header; the link says the same).</summary>
    private static Uri ProviderUrl(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refresh = response.Headers.GetValues("Refresh").Single();
        return new Uri(refresh[(refresh.IndexOf("url=", StringComparison.Ordinal) + 4)..]);
    }

    /// <summary>The browser at the provider: it signs the user in (login_hint, or the typed email) and redirects back.</summary>
    private static async Task<Uri> AtProviderAsync(Uri authorize, string? typedEmail = null)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var url = typedEmail is null ? authorize : new Uri($"{authorize}&login_hint={Uri.EscapeDataString(typedEmail)}");
        var response = await browser.GetAsync(url);
        Assert.True(response.StatusCode is HttpStatusCode.Found or HttpStatusCode.Redirect or HttpStatusCode.SeeOther,
            $"The provider answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!;
    }

    private async Task<List<string>> RolesOfAsync(Tenant tenant, string email) =>
        await App.InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return (await users.GetRolesAsync((await users.FindByEmailAsync(email))!)).ToList();
        });

    private Task<List<AuditEntry>> AuditAsync(Tenant tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking().ToListAsync());

    private async Task<List<string>> AuditActionsAsync(Tenant tenant) => [.. (await AuditAsync(tenant)).Select(a => a.Action)];
}
