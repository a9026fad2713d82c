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
public sealed class SsoTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _alphaSlug = Slug("alpha");
    private readonly string _bravoSlug = Slug("bravo");
    private readonly string _sakuraSlug = Slug("sakura");

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
        var (tenant, _) = await App.CreateTenantAsync(_sakuraSlug);
        await ConnectAsync(tenant, $"{_sakuraSlug}-client", $"{_sakuraSlug}.test");
        var idp = _idp.AddUser(new TestOidcUser($"hanako@{_sakuraSlug}.test") { Name = "山田 花子", Kana = "やまだ はなこ", Department = "営業部", Title = "課長" });

        var client = App.CreateBrowserlikeClient();
        var done = await SsoSignInAsync(client, _sakuraSlug, idp.Email);
        Assert.Equal($"/{_sakuraSlug}/", done.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{_sakuraSlug}/")).StatusCode);

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
        var (tenant, _) = await App.CreateTenantAsync(_sakuraSlug);
        await ConnectAsync(tenant, $"{_sakuraSlug}-client", $"{_sakuraSlug}.test");
        var existing = await App.CreateUserAsync(tenant, $"taro@{_sakuraSlug}.test");
        var idp = _idp.AddUser(new TestOidcUser($"taro@{_sakuraSlug}.test") { Department = "開発部" });

        await SsoSignInAsync(App.CreateBrowserlikeClient(), _sakuraSlug, idp.Email);
        await SsoSignInAsync(App.CreateBrowserlikeClient(), _sakuraSlug, idp.Email);

        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.Users.CountAsync(u => u.Email == $"taro@{_sakuraSlug}.test"));
            Assert.Equal(existing.Id, (await sp.GetRequiredService<UserManager<AppUser>>().FindByLoginAsync(_idp.Issuer, idp.Subject))!.Id);
            Assert.Equal("開発部", (await db.Users.Include(u => u.Department).SingleAsync(u => u.Id == existing.Id)).Department!.Name);
            return 0;
        });
        Assert.Single(await AuditActionsAsync(tenant), a => a == AuditActions.SsoUserLinked);
    }

    [Fact]
    public async Task Groups_decide_the_mapped_roles_at_every_sign_in()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_sakuraSlug);
        await ConnectAsync(tenant, $"{_sakuraSlug}-client", $"{_sakuraSlug}.test");
        var adminClient = await App.SignInAsync(_sakuraSlug, admin.Email!);
        await adminClient.PostFormAsync($"/{_sakuraSlug}/admin/sso?handler=AddGroupRole", new() { ["groupName"] = "Sales Managers", ["role"] = Roles.Manager });

        _idp.AddUser(new TestOidcUser($"jiro@{_sakuraSlug}.test") { Groups = ["everyone", "sales managers"], Subject = "jiro" });
        await SsoSignInAsync(App.CreateBrowserlikeClient(), _sakuraSlug, $"jiro@{_sakuraSlug}.test");
        Assert.Contains(Roles.Manager, await RolesOfAsync(tenant, $"jiro@{_sakuraSlug}.test"));

        _idp.AddUser(new TestOidcUser($"jiro@{_sakuraSlug}.test") { Groups = ["everyone"], Subject = "jiro" });
        await SsoSignInAsync(App.CreateBrowserlikeClient(), _sakuraSlug, $"jiro@{_sakuraSlug}.test");
        Assert.DoesNotContain(Roles.Manager, await RolesOfAsync(tenant, $"jiro@{_sakuraSlug}.test"));
    }

    [Fact]
    public async Task Sso_required_refuses_password_sign_in_reset_and_enrollment_while_the_break_glass_admin_signs_in_audited()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_sakuraSlug, adminEmail: $"admin@{_sakuraSlug}.test");
        var employee = await App.CreateUserAsync(tenant, $"emp@{_sakuraSlug}.test");
        var employeeClient = await App.SignInAsync(_sakuraSlug, employee.Email!);
        await App.InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var a = await users.FindByIdAsync(admin.Id.ToString());
            await users.ResetAuthenticatorKeyAsync(a!);
            return await users.SetTwoFactorEnabledAsync(a!, true);
        });
        await ConnectAsync(tenant, $"{_sakuraSlug}-client", $"{_sakuraSlug}.test", ssoRequired: true);

        var refused = await App.CreateBrowserlikeClient().PostFormAsync($"/{_sakuraSlug}/account/login",
            new() { ["Input.Email"] = employee.Email!, ["Input.Password"] = TestApp.Password }, expect: HttpStatusCode.OK);
        Assert.Contains("Sign in with your company account", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await App.CreateBrowserlikeClient().PostFormAsync($"/{_sakuraSlug}/account/forgot-password", new() { ["Email"] = employee.Email! }, expect: HttpStatusCode.OK);
        var enrollment = await employeeClient.PostFormAsync($"/{_sakuraSlug}/account/security/authenticator?handler=Start", [], expect: HttpStatusCode.OK);
        Assert.Contains("no authenticator app is set up here", await enrollment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await App.InTenantAsync(tenant, sp => sp.GetRequiredService<UserManager<AppUser>>().GetAuthenticatorKeyAsync(employee)));

        var breakGlass = await App.CreateBrowserlikeClient().PostFormAsync($"/{_sakuraSlug}/account/login",
            new() { ["Input.Email"] = admin.Email!, ["Input.Password"] = TestApp.Password });
        Assert.StartsWith($"/{_sakuraSlug}/account/login/mfa", breakGlass.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var audit = await AuditAsync(tenant);
        Assert.Equal(["mfa-enrollment", "password-reset", "sign-in"],
            audit.Where(a => a.Action == AuditActions.SsoPasswordRefused).Select(a => a.Details).Order(StringComparer.Ordinal));
        Assert.Contains(audit, a => a.Action == AuditActions.SsoBreakGlass && a.Subject == admin.Email && a.Details == "sign-in");
        Assert.DoesNotContain(audit, a => a.Action == AuditActions.PasswordResetRequested);
    }

    [Fact]
    public async Task A_token_for_another_client_is_refused_audited_and_creates_nobody()
    {
        var (tenant, _) = await App.CreateTenantAsync(_sakuraSlug);
        await ConnectAsync(tenant, $"{_sakuraSlug}-client", $"{_sakuraSlug}.test");
        _idp.AddUser(new TestOidcUser($"mallory@{_sakuraSlug}.test") { Audience = "umeda-client" });
        await AssertRefusedAsync(tenant, $"mallory@{_sakuraSlug}.test", SsoRefusal.Failed);
    }

    [Fact]
    public async Task A_wrong_nonce_is_refused()
    {
        var (tenant, _) = await App.CreateTenantAsync(_sakuraSlug);
        await ConnectAsync(tenant, $"{_sakuraSlug}-client", $"{_sakuraSlug}.test");
        _idp.AddUser(new TestOidcUser($"nonce@{_sakuraSlug}.test") { WrongNonce = true });
        await AssertRefusedAsync(tenant, $"nonce@{_sakuraSlug}.test", SsoRefusal.Failed);
    }

    [Fact]
    public async Task An_unverified_email_is_refused()
    {
        var (tenant, _) = await App.CreateTenantAsync(_sakuraSlug);
        await ConnectAsync(tenant, $"{_sakuraSlug}-client", $"{_sakuraSlug}.test");
        _idp.AddUser(new TestOidcUser($"unverified@{_sakuraSlug}.test") { EmailVerified = false });
        await AssertRefusedAsync(tenant, $"unverified@{_sakuraSlug}.test", SsoRefusal.EmailUnverified);
    }

    [Fact]
    public async Task A_user_disabled_at_the_provider_or_deactivated_here_cannot_start_a_session()
    {
        var (tenant, _) = await App.CreateTenantAsync(_sakuraSlug);
        await ConnectAsync(tenant, $"{_sakuraSlug}-client", $"{_sakuraSlug}.test");
        _idp.AddUser(new TestOidcUser($"gone@{_sakuraSlug}.test") { Disabled = true });
        await AssertRefusedAsync(tenant, $"gone@{_sakuraSlug}.test", SsoRefusal.Failed);

        var leaver = await App.CreateUserAsync(tenant, $"leaver@{_sakuraSlug}.test");
        await App.InTenantAsync(tenant, async sp =>
        {
            await sp.GetRequiredService<NetworkSaaS.Web.Features.Accounts.UserDeactivation>()
                .DeactivateAsync((await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(leaver.Id.ToString()))!, null, CancellationToken.None);
            return 0;
        });
        _idp.AddUser(new TestOidcUser($"leaver@{_sakuraSlug}.test"));
        await AssertRefusedAsync(tenant, $"leaver@{_sakuraSlug}.test", SsoRefusal.Inactive, usersBefore: null);
    }

    [Fact]
    public async Task A_replayed_callback_or_code_is_refused_and_starts_no_second_session()
    {
        var (tenant, _) = await App.CreateTenantAsync(_sakuraSlug);
        await ConnectAsync(tenant, $"{_sakuraSlug}-client", $"{_sakuraSlug}.test");
        _idp.AddUser(new TestOidcUser($"replay@{_sakuraSlug}.test"));

        var victim = App.CreateBrowserlikeClient();
        var start = await victim.PostFormAsync($"/{_sakuraSlug}/account/sso", new() { ["Email"] = $"replay@{_sakuraSlug}.test" });
        var callback = await AtProviderAsync(ProviderUrl(start));
        Assert.Equal($"/{_sakuraSlug}/", (await victim.GetAsync(callback.PathAndQuery)).Headers.Location!.OriginalString);

        // The same callback again: its state was used up (the correlation cookie is gone).
        Assert.Contains($"/{_sakuraSlug}/account/sso/refused", (await victim.GetAsync(callback.PathAndQuery)).Headers.Location!.OriginalString, StringComparison.Ordinal);

        // An attacker's own fresh sign-in with the stolen code: the provider refuses the used code.
        var attacker = App.CreateBrowserlikeClient();
        var own = await attacker.PostFormAsync($"/{_sakuraSlug}/account/sso", new() { ["Email"] = $"replay@{_sakuraSlug}.test" });
        var ownCallback = await AtProviderAsync(ProviderUrl(own));
        var stolenCode = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]!;
        var ownState = System.Web.HttpUtility.ParseQueryString(ownCallback.Query)["state"]!;
        var forged = await attacker.GetAsync($"/{_sakuraSlug}/signin-oidc?code={Uri.EscapeDataString(stolenCode)}&state={Uri.EscapeDataString(ownState)}&iss={Uri.EscapeDataString(_idp.Issuer)}");
        Assert.Contains($"/{_sakuraSlug}/account/sso/refused", forged.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await attacker.GetAsync($"/{_sakuraSlug}/contacts")).StatusCode);

        var sessions = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().UserSessions.CountAsync());
        Assert.Equal(1, sessions);
        Assert.Equal(2, (await AuditActionsAsync(tenant)).Count(a => a == AuditActions.SsoSignInRefused));
    }

    [Fact]
    public async Task A_domain_claimed_by_another_company_is_refused_at_configuration_and_audited()
    {
        var (alpha, adminA) = await App.CreateTenantAsync(_alphaSlug);
        var (bravo, adminB) = await App.CreateTenantAsync(_bravoSlug);
        var clientA = await App.SignInAsync(_alphaSlug, adminA.Email!);
        await clientA.PostFormAsync($"/{_alphaSlug}/admin/sso?handler=Add", ConnectionForm("a-client", $"{char.ToUpperInvariant(_sakuraSlug[0])}{_sakuraSlug[1..]}.test"));

        var clientB = await App.SignInAsync(_bravoSlug, adminB.Email!);
        var refused = await clientB.PostFormAsync($"/{_bravoSlug}/admin/sso?handler=Add", ConnectionForm("b-client", $"other.test, {_sakuraSlug}.test"), expect: HttpStatusCode.OK);
        Assert.Contains("already used for sign-in by another company", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(0, await App.InTenantAsync(bravo, sp => sp.GetRequiredService<AppDbContext>().SsoConnections.CountAsync()));
        Assert.Contains(AuditActions.SsoDomainRefused, await AuditActionsAsync(bravo));
        Assert.Equal([$"{_sakuraSlug}.test"], await App.InTenantAsync(alpha, sp => sp.GetRequiredService<AppDbContext>().SsoDomains.Select(d => d.Domain).ToListAsync()));
    }

    [Fact]
    public async Task The_client_secret_is_stored_encrypted_and_never_shown()
    {
        const string secret = "very-secret-client-value-42";
        var (tenant, admin) = await App.CreateTenantAsync(_sakuraSlug);
        var client = await App.SignInAsync(_sakuraSlug, admin.Email!);
        await client.PostFormAsync($"/{_sakuraSlug}/admin/sso?handler=Add", ConnectionForm($"{_sakuraSlug}-client", $"{_sakuraSlug}.test", secret));

        await using var connection = new NpgsqlConnection(SuperUserConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT protected_client_secret FROM sso_connections WHERE tenant_id = @tenant", connection);
        read.Parameters.AddWithValue("tenant", tenant.Id);
        var stored = (string)(await read.ExecuteScalarAsync())!;
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.Equal(secret, App.Services.GetRequiredService<SsoSecretProtector>().Unprotect(stored));

        var page = await client.GetStringAsync($"/{_sakuraSlug}/admin/sso");
        Assert.Contains($"{_sakuraSlug}-client", page, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        Assert.DoesNotContain(stored, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_connection_shows_the_claims_and_signs_nobody_in()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_sakuraSlug);
        var id = await ConnectAsync(tenant, $"{_sakuraSlug}-client", $"{_sakuraSlug}.test", enabled: false);
        _idp.AddUser(new TestOidcUser($"tester@{_sakuraSlug}.test") { Department = "情報システム部", Groups = ["it-admins"] });
        var client = await App.SignInAsync(_sakuraSlug, admin.Email!);

        var start = await client.PostFormAsync($"/{_sakuraSlug}/admin/sso?handler=Test&id={id}", [], formPage: $"/{_sakuraSlug}/admin/sso");
        var form = await new HttpClient().GetStringAsync(ProviderUrl(start));
        Assert.Contains("idp-sign-in", form, StringComparison.Ordinal);
        var callback = await AtProviderAsync(ProviderUrl(start), typedEmail: $"tester@{_sakuraSlug}.test");
        var result = await client.GetAsync(callback.PathAndQuery);
        Assert.Equal($"/{_sakuraSlug}/admin/sso/test?id={id}", result.Headers.Location!.OriginalString);

        var page = await client.GetStringAsync(result.Headers.Location!.OriginalString);
        Assert.Contains("情報システム部", page, StringComparison.Ordinal);
        Assert.Contains("it-admins", page, StringComparison.Ordinal);
        Assert.Contains("sso-test-ok", page, StringComparison.Ordinal);
        Assert.Equal(0, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync(u => u.Email == $"tester@{_sakuraSlug}.test")));
        Assert.Contains(AuditActions.SsoConnectionTested, await AuditActionsAsync(tenant));
    }

    [Fact]
    public async Task Company_a_callback_never_signs_anyone_into_company_b_and_a_admin_cannot_touch_b_connections()
    {
        var (alpha, adminA) = await App.CreateTenantAsync(_alphaSlug);
        var (bravo, _) = await App.CreateTenantAsync(_bravoSlug);
        await ConnectAsync(alpha, $"{_alphaSlug}-client", $"{_alphaSlug}.test");
        var bravoConnection = await ConnectAsync(bravo, $"{_bravoSlug}-client", $"{_bravoSlug}.test");
        _idp.AddUser(new TestOidcUser($"someone@{_alphaSlug}.test"));

        // A's flow, its callback replayed under /bravo/: no B scheme can read A's state, so nothing handles it.
        var browser = App.CreateBrowserlikeClient();
        var start = await browser.PostFormAsync($"/{_alphaSlug}/account/sso", new() { ["Email"] = $"someone@{_alphaSlug}.test" });
        var callback = await AtProviderAsync(ProviderUrl(start));
        var underBravo = await browser.GetAsync(callback.PathAndQuery.Replace($"/{_alphaSlug}/", $"/{_bravoSlug}/", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, underBravo.StatusCode);
        Assert.Equal(0, await App.InTenantAsync(bravo, sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync(u => u.Email == $"someone@{_alphaSlug}.test")));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/{_bravoSlug}/contacts")).StatusCode);

        // B's address typed on A's sign-in page: A has no provider for it.
        await browser.PostFormAsync($"/{_alphaSlug}/account/sso", new() { ["Email"] = $"x@{_bravoSlug}.test" }, expect: HttpStatusCode.OK);

        // A's admin, B's connection id: not found, nothing changed.
        var admin = await App.SignInAsync(_alphaSlug, adminA.Email!);
        foreach (var handler in new[] { "Delete", "Test", "Update" })
        {
            await admin.PostFormAsync($"/{_alphaSlug}/admin/sso?handler={handler}&id={bravoConnection}", ConnectionForm("x", "planted.test"), formPage: $"/{_alphaSlug}/admin/sso", expect: HttpStatusCode.NotFound);
        }

        var testPage = await admin.GetStringAsync($"/{_alphaSlug}/admin/sso/test?id={bravoConnection}");
        Assert.Contains("There is no test result", testPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"{_bravoSlug}-client", testPage, StringComparison.Ordinal);
        Assert.Equal([$"{_bravoSlug}.test"], await App.InTenantAsync(bravo, sp => sp.GetRequiredService<AppDbContext>().SsoDomains.Select(d => d.Domain).ToListAsync()));
    }

    [Fact]
    public async Task The_admin_page_adds_and_turns_on_a_provider_that_then_signs_people_in()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_sakuraSlug);
        var client = await App.SignInAsync(_sakuraSlug, admin.Email!);
        await client.PostFormAsync($"/{_sakuraSlug}/admin/sso?handler=Add", ConnectionForm($"{_sakuraSlug}-client", $"{_sakuraSlug}.test"));
        var id = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().SsoConnections.Select(c => c.Id).SingleAsync());
        _idp.AddClient($"{_sakuraSlug}-client", "client-secret-1", $"http://localhost/{_sakuraSlug}/signin-oidc");
        _idp.AddUser(new TestOidcUser($"new@{_sakuraSlug}.test"));

        // Off after adding: the sign-in page does not offer it.
        await App.CreateBrowserlikeClient().PostFormAsync($"/{_sakuraSlug}/account/sso", new() { ["Email"] = $"new@{_sakuraSlug}.test" }, expect: HttpStatusCode.OK);

        var on = ConnectionForm($"{_sakuraSlug}-client", $"{_sakuraSlug}.test", secret: "");
        on["Input.IsEnabled"] = "true";
        await client.PostFormAsync($"/{_sakuraSlug}/admin/sso?handler=Update&id={id}", on, formPage: $"/{_sakuraSlug}/admin/sso");
        Assert.Equal($"/{_sakuraSlug}/", (await SsoSignInAsync(App.CreateBrowserlikeClient(), _sakuraSlug, $"new@{_sakuraSlug}.test")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_unreachable_provider_is_a_clear_message_on_the_sign_in_and_test_pages()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_sakuraSlug);
        var id = await ConnectAsync(tenant, $"{_sakuraSlug}-client", $"{_sakuraSlug}.test", authority: "http://127.0.0.1:9/");

        var signIn = await App.CreateBrowserlikeClient().PostFormAsync($"/{_sakuraSlug}/account/sso", new() { ["Email"] = $"a@{_sakuraSlug}.test" }, expect: HttpStatusCode.OK);
        Assert.Contains("cannot be reached", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(signIn.Headers.Contains("Refresh"));

        var client = await App.SignInAsync(_sakuraSlug, admin.Email!);
        var test = await client.PostFormAsync($"/{_sakuraSlug}/admin/sso?handler=Test&id={id}", [], formPage: $"/{_sakuraSlug}/admin/sso", expect: HttpStatusCode.OK);
        Assert.Contains("could not be read from http://127.0.0.1:9/", await test.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task AssertRefusedAsync(Tenant tenant, string email, string reason, int? usersBefore = 0)
    {
        var before = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync());
        var client = App.CreateBrowserlikeClient();
        var response = await SsoSignInAsync(client, _sakuraSlug, email);
        Assert.Equal(SsoRefusal.PagePath(_sakuraSlug, reason), response.Headers.Location!.OriginalString);
        var page = await client.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("sso-refused", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/{_sakuraSlug}/contacts")).StatusCode);
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
