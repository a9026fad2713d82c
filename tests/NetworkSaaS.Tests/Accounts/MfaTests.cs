using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Accounts;

/// <summary>TOTP enrollment, the second sign-in step, recovery codes, remembered browsers, admin reset (real PostgreSQL).</summary>
public sealed class MfaTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _alphaSlug = Slug("alpha");
    private readonly string _bravoSlug = Slug("bravo");

    [Fact]
    public async Task Enrolling_with_a_code_from_the_shown_key_makes_sign_in_ask_for_a_code_and_refuses_a_wrong_one()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        var page = $"/{_acmeSlug}/account/security/authenticator";
        await client.PostFormAsync($"{page}?handler=Start", [], page);
        var key = System.Text.RegularExpressions.Regex.Match(await client.GetStringAsync(page), "id=\"authenticator-key\">([a-z2-7 ]+)</kbd>").Groups[1].Value;
        var wrongAtEnrollment = await client.PostFormAsync($"{page}?handler=Verify", new() { ["Code"] = new Authenticator(key).StaleCode() }, page, expect: HttpStatusCode.OK);
        Assert.Contains("The code is not correct.", await wrongAtEnrollment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await TwoFactorEnabledAsync(tenant, admin.Email!));

        var (app, _) = await Authenticator.EnrollAsync(client, _acmeSlug);
        Assert.True(await TwoFactorEnabledAsync(tenant, admin.Email!));
        Assert.Contains("id=\"authenticator-section\"", await client.GetStringAsync($"/{_acmeSlug}/account/security"), StringComparison.Ordinal);

        var (second, passwordStep) = await PasswordStepAsync(_acmeSlug, admin.Email!);
        Assert.StartsWith($"/{_acmeSlug}/account/login/mfa", passwordStep.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync($"/{_acmeSlug}/contacts")).StatusCode);

        var wrong = await second.PostFormAsync($"/{_acmeSlug}/account/login/mfa", new() { ["Code"] = app.StaleCode() }, expect: HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The code is not correct", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync($"/{_acmeSlug}/contacts")).StatusCode);

        var right = await second.PostFormAsync($"/{_acmeSlug}/account/login/mfa", new() { ["Code"] = app.NextCode() }, expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal($"/{_acmeSlug}/", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/{_acmeSlug}/contacts")).StatusCode);

        var actions = await AuditActionsAsync(tenant);
        Assert.Contains(AuditActions.MfaEnabled, actions);
        Assert.Equal(2, actions.Count(a => a == AuditActions.MfaFailed));
    }

    [Fact]
    public async Task An_authenticator_code_signs_in_once_only()
    {
        var (_, admin) = await App.CreateTenantAsync(_acmeSlug);
        var (app, _) = await Authenticator.EnrollAsync(await App.SignInAsync(_acmeSlug, admin.Email!), _acmeSlug);
        var code = app.NextCode();

        var (first, _) = await PasswordStepAsync(_acmeSlug, admin.Email!);
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync($"/{_acmeSlug}/account/login/mfa", new() { ["Code"] = code }, expect: HttpStatusCode.Redirect)).StatusCode);
        var (replay, _) = await PasswordStepAsync(_acmeSlug, admin.Email!);
        var replayed = await replay.PostFormAsync($"/{_acmeSlug}/account/login/mfa", new() { ["Code"] = code }, expect: HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync($"/{_acmeSlug}/contacts")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_only_once()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var (_, codes) = await Authenticator.EnrollAsync(await App.SignInAsync(_acmeSlug, admin.Email!), _acmeSlug);

        var (first, _) = await PasswordStepAsync(_acmeSlug, admin.Email!);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/{_acmeSlug}/account/login/recovery")).StatusCode);
        var used = await first.PostFormAsync($"/{_acmeSlug}/account/login/recovery", new() { ["RecoveryCode"] = codes[3] }, expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Contains("9 recovery codes left", await first.GetStringAsync($"/{_acmeSlug}/account/security/authenticator"), StringComparison.Ordinal);

        var (again, _) = await PasswordStepAsync(_acmeSlug, admin.Email!);
        var reused = await again.PostFormAsync($"/{_acmeSlug}/account/login/recovery", new() { ["RecoveryCode"] = codes[3] }, expect: HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("The recovery code is not correct", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync($"/{_acmeSlug}/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.PostFormAsync($"/{_acmeSlug}/account/login/recovery", new() { ["RecoveryCode"] = codes[4] }, expect: HttpStatusCode.Redirect)).StatusCode);

        var stored = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Set<AppUserToken>().Select(t => t.Value).ToListAsync());
        Assert.DoesNotContain(stored, value => value != null && codes.Any(code => value.Contains(code, StringComparison.Ordinal)));

        var actions = await AuditActionsAsync(tenant);
        Assert.Equal(2, actions.Count(a => a == AuditActions.MfaRecoveryCodeUsed));
        Assert.Single(actions, a => a == AuditActions.MfaFailed);
    }

    [Fact]
    public async Task A_wrong_recovery_code_counts_towards_lockout_and_a_locked_out_account_cannot_spend_one()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var (_, codes) = await Authenticator.EnrollAsync(await App.SignInAsync(_acmeSlug, admin.Email!), _acmeSlug);

        var (client, _) = await PasswordStepAsync(_acmeSlug, admin.Email!);
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync($"/{_acmeSlug}/account/login/recovery", new() { ["RecoveryCode"] = "AAAAA-BBBBB" }, expect: HttpStatusCode.OK)).StatusCode);
        Assert.Equal(1, await App.InTenantAsync(tenant, async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(admin.Email!))!.AccessFailedCount));

        await App.InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(admin.Email!))!, DateTimeOffset.UtcNow.AddMinutes(5));
        });
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync($"/{_acmeSlug}/account/login/recovery", new() { ["RecoveryCode"] = codes[0] }, expect: HttpStatusCode.OK)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/{_acmeSlug}/contacts")).StatusCode);
        Assert.Equal(10, await App.InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.CountRecoveryCodesAsync((await users.FindByEmailAsync(admin.Email!))!);
        }));
    }

    [Fact]
    public async Task New_recovery_codes_need_a_current_code_and_replace_the_old_ones()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        var (app, oldCodes) = await Authenticator.EnrollAsync(client, _acmeSlug);
        var page = $"/{_acmeSlug}/account/security/authenticator";

        var refused = await client.PostFormAsync($"{page}?handler=RecoveryCodes", new() { ["Confirmation"] = app.StaleCode() }, expect: HttpStatusCode.OK);
        Assert.Empty(Authenticator.RecoveryCodes(await refused.Content.ReadAsStringAsync()));
        var renewed = await client.PostFormAsync($"{page}?handler=RecoveryCodes", new() { ["Confirmation"] = app.NextCode() });
        var newCodes = Authenticator.RecoveryCodes(await renewed.Content.ReadAsStringAsync());
        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));

        var (old, _) = await PasswordStepAsync(_acmeSlug, admin.Email!);
        Assert.Equal(HttpStatusCode.OK, (await old.PostFormAsync($"/{_acmeSlug}/account/login/recovery", new() { ["RecoveryCode"] = oldCodes[0] }, expect: HttpStatusCode.OK)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await old.PostFormAsync($"/{_acmeSlug}/account/login/recovery", new() { ["RecoveryCode"] = newCodes[0] }, expect: HttpStatusCode.Redirect)).StatusCode);
        Assert.Contains(AuditActions.MfaRecoveryCodesRegenerated, await AuditActionsAsync(tenant));
    }

    [Fact]
    public async Task A_remembered_browser_skips_the_code_for_30_days_until_remembered_browsers_are_forgotten()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var (app, _) = await Authenticator.EnrollAsync(await App.SignInAsync(_acmeSlug, admin.Email!), _acmeSlug);

        var (browser, _) = await PasswordStepAsync(_acmeSlug, admin.Email!);
        var second = await browser.PostFormAsync($"/{_acmeSlug}/account/login/mfa", new() { ["Code"] = app.NextCode(), ["RememberBrowser"] = "true" }, expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var remembered = second.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(IdentityConstants.TwoFactorRememberMeScheme + "=", StringComparison.Ordinal));
        var expires = DateTimeOffset.Parse(System.Text.RegularExpressions.Regex.Match(remembered, "expires=([^;]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30.1));
        Assert.Contains("httponly", remembered, StringComparison.OrdinalIgnoreCase);

        await browser.PostFormAsync($"/{_acmeSlug}/account/logout", []);
        var again = await PasswordOnlyAsync(browser, _acmeSlug, admin.Email!);
        Assert.Equal($"/{_acmeSlug}/", again.Headers.Location!.OriginalString);

        // From another browser (signed in with a code), forget every remembered browser: the first one asks again at once.
        var (other, _) = await PasswordStepAsync(_acmeSlug, admin.Email!);
        await other.PostFormAsync($"/{_acmeSlug}/account/login/mfa", new() { ["Code"] = app.NextCode() });
        var forgot = await other.PostFormAsync($"/{_acmeSlug}/account/security/authenticator?handler=ForgetBrowsers", [], $"/{_acmeSlug}/account/security", expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, forgot.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/{_acmeSlug}/contacts")).StatusCode);

        // Forgetting browsers changed the security stamp, which ended the first browser's session at once.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync($"/{_acmeSlug}/contacts")).StatusCode);
        var afterForget = await PasswordOnlyAsync(browser, _acmeSlug, admin.Email!);
        Assert.StartsWith($"/{_acmeSlug}/account/login/mfa", afterForget.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains(AuditActions.MfaRememberedBrowsersForgotten, await AuditActionsAsync(tenant));
    }

    [Fact]
    public async Task Turning_mfa_off_needs_the_password_or_a_current_code()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        await Authenticator.EnrollAsync(client, _acmeSlug);
        var page = $"/{_acmeSlug}/account/security/authenticator";

        var refused = await client.PostFormAsync($"{page}?handler=Disable", new() { ["Confirmation"] = "not-my-password" }, expect: HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.True(await TwoFactorEnabledAsync(tenant, admin.Email!));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=Disable", new() { ["Confirmation"] = TestApp.Password }, expect: HttpStatusCode.Redirect)).StatusCode);
        Assert.False(await TwoFactorEnabledAsync(tenant, admin.Email!));
        var (_, passwordStep) = await PasswordStepAsync(_acmeSlug, admin.Email!);
        Assert.Equal($"/{_acmeSlug}/", passwordStep.Headers.Location!.OriginalString);

        var actions = await AuditActionsAsync(tenant);
        Assert.Contains(AuditActions.MfaDisabled, actions);
        Assert.Contains(AuditActions.MfaFailed, actions);
    }

    [Fact]
    public async Task Policy_for_admins_hr_and_managers_sends_an_admin_to_enrollment_and_blocks_everything_else_while_an_employee_is_unaffected()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var employee = await App.CreateUserAsync(tenant, $"worker@{_acmeSlug}.test");
        var manager = await App.CreateUserAsync(tenant, $"boss@{_acmeSlug}.test", Roles.Manager);
        var adminClient = await App.SignInAsync(_acmeSlug, admin.Email!);
        var policy = await adminClient.PostFormAsync($"/{_acmeSlug}/admin/settings?handler=MfaPolicy", new() { ["mfaPolicy"] = nameof(MfaPolicy.PrivilegedRoles) }, expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, policy.StatusCode);
        var change = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.SingleAsync(a => a.Action == AuditActions.MfaPolicyChanged));
        Assert.Equal("Nobody → PrivilegedRoles", change.Details);
        Assert.Equal(admin.Id, change.ActorUserId);

        var enrollment = $"/{_acmeSlug}/account/security/authenticator";
        foreach (var path in new[] { $"/{_acmeSlug}/", $"/{_acmeSlug}/contacts", $"/{_acmeSlug}/admin/settings", $"/{_acmeSlug}/account/security" })
        {
            var visit = await adminClient.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, visit.StatusCode);
            Assert.Equal(enrollment, visit.Headers.Location!.OriginalString);
        }

        var token = await adminClient.AntiforgeryTokenAsync(enrollment);
        var post = await adminClient.PostFormWithTokenAsync($"/{_acmeSlug}/admin/settings?handler=MfaPolicy", new() { ["mfaPolicy"] = nameof(MfaPolicy.Nobody) }, token, expect: HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminClient.GetAsync($"/{_acmeSlug}/contacts?handler=Suggest")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await adminClient.GetAsync($"/{_acmeSlug}/account/logout")).StatusCode);
        Assert.Contains("id=\"mfa-required\"", await adminClient.GetStringAsync(enrollment), StringComparison.Ordinal);

        var managerClient = await App.SignInAsync(_acmeSlug, manager.Email!);
        Assert.Equal(enrollment, (await managerClient.GetAsync($"/{_acmeSlug}/contacts")).Headers.Location!.OriginalString);
        var employeeClient = await App.SignInAsync(_acmeSlug, employee.Email!);
        Assert.Equal(HttpStatusCode.OK, (await employeeClient.GetAsync($"/{_acmeSlug}/contacts")).StatusCode);

        await Authenticator.EnrollAsync(adminClient, _acmeSlug);
        Assert.Equal(HttpStatusCode.OK, (await adminClient.GetAsync($"/{_acmeSlug}/contacts")).StatusCode);
        Assert.Equal(MfaPolicy.PrivilegedRoles, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Tenants.Where(t => t.Id == tenant.Id).Select(t => t.MfaPolicy).SingleAsync()));
    }

    [Fact]
    public async Task Only_an_admin_changes_the_policy_and_resets_a_users_mfa_which_is_audited()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var employee = await App.CreateUserAsync(tenant, $"worker@{_acmeSlug}.test", Roles.HR, Roles.Manager);
        var employeeClient = await App.SignInAsync(_acmeSlug, employee.Email!);
        await Authenticator.EnrollAsync(employeeClient, _acmeSlug);

        var token = await employeeClient.AntiforgeryTokenAsync($"/{_acmeSlug}/account/security/authenticator");
        Assert.Equal(HttpStatusCode.Forbidden, (await employeeClient.PostFormWithTokenAsync($"/{_acmeSlug}/admin/users/{employee.Id}?handler=ResetMfa", [], token, expect: HttpStatusCode.Forbidden)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await employeeClient.PostFormWithTokenAsync($"/{_acmeSlug}/admin/settings?handler=MfaPolicy", new() { ["mfaPolicy"] = nameof(MfaPolicy.Everyone) }, token, expect: HttpStatusCode.Forbidden)).StatusCode);
        Assert.True(await TwoFactorEnabledAsync(tenant, employee.Email!));

        var adminClient = await App.SignInAsync(_acmeSlug, admin.Email!);
        Assert.Contains("id=\"reset-mfa\"", await adminClient.GetStringAsync($"/{_acmeSlug}/admin/users/{employee.Id}"), StringComparison.Ordinal);
        var reset = await adminClient.PostFormAsync($"/{_acmeSlug}/admin/users/{employee.Id}?handler=ResetMfa", [], $"/{_acmeSlug}/admin/users/{employee.Id}", expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.False(await TwoFactorEnabledAsync(tenant, employee.Email!));
        var (_, passwordStep) = await PasswordStepAsync(_acmeSlug, employee.Email!);
        Assert.Equal($"/{_acmeSlug}/", passwordStep.Headers.Location!.OriginalString);

        var entry = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.SingleAsync(a => a.Action == AuditActions.MfaReset));
        Assert.Equal(employee.Email, entry.Subject);
        Assert.Equal(admin.Id, entry.ActorUserId);
        Assert.Equal(MfaPolicy.Nobody, await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Tenants.Where(t => t.Id == tenant.Id).Select(t => t.MfaPolicy).SingleAsync()));
    }

    [Fact]
    public async Task Company_b_cannot_reach_the_mfa_pages_of_a_and_a_half_sign_in_of_a_is_useless_under_b()
    {
        var (_, adminA) = await App.CreateTenantAsync(_alphaSlug);
        var (_, adminB) = await App.CreateTenantAsync(_bravoSlug);
        var (app, codes) = await Authenticator.EnrollAsync(await App.SignInAsync(_alphaSlug, adminA.Email!), _alphaSlug);

        var clientB = await App.SignInAsync(_bravoSlug, adminB.Email!);
        foreach (var path in new[] { $"/{_alphaSlug}/account/security/authenticator", $"/{_alphaSlug}/account/login/mfa", $"/{_alphaSlug}/account/login/recovery" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await clientB.GetAsync(path)).StatusCode);
        }

        var tokenB = await clientB.AntiforgeryTokenAsync($"/{_bravoSlug}/account/security/authenticator");
        Assert.Equal(HttpStatusCode.NotFound, (await clientB.PostFormWithTokenAsync($"/{_alphaSlug}/account/security/authenticator?handler=Disable", new() { ["Confirmation"] = TestApp.Password }, tokenB, expect: HttpStatusCode.NotFound)).StatusCode);

        // A's password step done: B's second-step pages do not know that user and sign nobody in.
        var (half, _) = await PasswordStepAsync(_alphaSlug, adminA.Email!);
        var tokenOnB = await half.AntiforgeryTokenAsync($"/{_bravoSlug}/account/login");
        var onB = await half.GetAsync($"/{_bravoSlug}/account/login/mfa");
        Assert.Equal($"/{_bravoSlug}/account/login", onB.Headers.Location!.OriginalString);
        var codeOnB = await half.PostFormWithTokenAsync($"/{_bravoSlug}/account/login/mfa", new() { ["Code"] = app.NextCode() }, tokenOnB);
        Assert.Equal($"/{_bravoSlug}/account/login", codeOnB.Headers.Location!.OriginalString);
        var recoveryOnB = await half.PostFormWithTokenAsync($"/{_bravoSlug}/account/login/recovery", new() { ["RecoveryCode"] = codes[0] }, tokenOnB);
        Assert.Equal($"/{_bravoSlug}/account/login", recoveryOnB.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await half.GetAsync($"/{_bravoSlug}/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await half.GetAsync($"/{_alphaSlug}/")).StatusCode);

        // The recovery code was not spent by the attempt under /bravo/.
        Assert.Equal(HttpStatusCode.Redirect, (await half.PostFormAsync($"/{_alphaSlug}/account/login/recovery", new() { ["RecoveryCode"] = codes[0] }, expect: HttpStatusCode.Redirect)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await half.GetAsync($"/{_alphaSlug}/contacts")).StatusCode);
    }

    private async Task<(HttpClient Client, HttpResponseMessage Response)> PasswordStepAsync(string slug, string email)
    {
        var client = App.CreateBrowserlikeClient();
        return (client, await PasswordOnlyAsync(client, slug, email));
    }

    private static async Task<HttpResponseMessage> PasswordOnlyAsync(HttpClient client, string slug, string email)
    {
        var response = await client.PostFormAsync($"/{slug}/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = TestApp.Password }, expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private Task<bool> TwoFactorEnabledAsync(ITenantInfo tenant, string email) =>
        App.InTenantAsync(tenant, async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.TwoFactorEnabled);

    private Task<List<string>> AuditActionsAsync(ITenantInfo tenant) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries.Select(a => a.Action).ToListAsync());
}
