using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Admin;

public sealed partial class AdminTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _bravoSlug = Slug("bravo");

    [GeneratedRegex("https?://[^\\s\"<]+/account/invitation\\?token=[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();

    [Fact]
    public async Task An_invited_colleague_joins_with_the_chosen_roles_and_the_audit_log_shows_it()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        var token = await client.AntiforgeryTokenAsync($"/{_acmeSlug}/admin");
        var invite = await client.PostFormMultiAsync($"/{_acmeSlug}/admin?handler=Invite",
            [new("Invite.Email", $"new.hire@{_acmeSlug}.test"), new("Invite.Roles", Roles.Manager), new("Invite.Roles", "Superuser")], token);
        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);

        var mail = Assert.Single(App.Mails());
        Assert.Equal($"new.hire@{_acmeSlug}.test", mail.To.Mailboxes.Single().Address);
        var link = new Uri(InvitationLink().Match(mail.TextBody!).Value);
        Assert.Contains(link.AbsoluteUri, mail.HtmlBody, StringComparison.Ordinal);

        var newcomer = App.CreateBrowserlikeClient();
        var page = await newcomer.GetAsync(link.PathAndQuery);
        Assert.Contains($"new.hire@{_acmeSlug}.test", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var joined = await newcomer.PostFormAsync(link.PathAndQuery, formPage: link.PathAndQuery, fields: new()
        {
            ["Input.DisplayName"] = "New Hire",
            ["Input.Password"] = "welcome-aboard-2026",
            ["Input.ConfirmPassword"] = "welcome-aboard-2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Contains("New Hire", await newcomer.GetStringAsync($"/{_acmeSlug}/"), StringComparison.Ordinal);

        var roles = await App.InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.GetRolesAsync((await users.FindByEmailAsync($"new.hire@{_acmeSlug}.test"))!);
        });
        Assert.Equal([Roles.Employee, Roles.Manager], roles.Order(StringComparer.Ordinal));

        Assert.Equal(HttpStatusCode.Gone, (await newcomer.GetAsync(link.PathAndQuery)).StatusCode);
        var audit = await client.GetStringAsync($"/{_acmeSlug}/admin/audit");
        Assert.Contains($"data-action=\"{AuditActions.UserInvited}\"", audit, StringComparison.Ordinal);
        Assert.Contains($"data-action=\"{AuditActions.InvitationAccepted}\"", audit, StringComparison.Ordinal);
        Assert.Contains("User invited", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_withdrawn_and_unknown_invitations_show_a_clear_page()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        await client.PostFormAsync($"/{_acmeSlug}/admin?handler=Invite", new() { ["Invite.Email"] = $"late@{_acmeSlug}.test" }, $"/{_acmeSlug}/admin");
        var link = new Uri(InvitationLink().Match(App.Mails().Single().TextBody!).Value);

        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var invitation = await db.Invitations.SingleAsync();
            invitation.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });
        var expired = await App.CreateBrowserlikeClient().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("id=\"invitation-invalid\"", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var acceptLate = await App.CreateBrowserlikeClient().PostFormAsync(link.PathAndQuery, new()
        {
            ["Input.DisplayName"] = "Late",
            ["Input.Password"] = "welcome-aboard-2026",
            ["Input.ConfirmPassword"] = "welcome-aboard-2026",
        }, $"/{_acmeSlug}/account/login", expect: HttpStatusCode.Gone);

        Assert.Equal(HttpStatusCode.Gone, (await App.CreateBrowserlikeClient().GetAsync($"/{_acmeSlug}/account/invitation?token=made-up")).StatusCode);

        await client.PostFormAsync($"/{_acmeSlug}/admin?handler=Invite", new() { ["Invite.Email"] = $"withdrawn@{_acmeSlug}.test" }, $"/{_acmeSlug}/admin");
        var second = new Uri(InvitationLink().Match(App.Mails()[^1].TextBody!).Value);
        var invitationId = await App.InTenantAsync(tenant, sp =>
            sp.GetRequiredService<AppDbContext>().Invitations.Where(i => i.Email == $"withdrawn@{_acmeSlug}.test").Select(i => i.Id).SingleAsync());
        var revoke = await client.PostFormAsync($"/{_acmeSlug}/admin?handler=Revoke", new() { ["invitationId"] = invitationId.ToString() }, $"/{_acmeSlug}/admin");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await App.CreateBrowserlikeClient().GetAsync(second.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Inviting_an_existing_colleague_or_a_bad_address_gets_a_message()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        await App.CreateUserAsync(tenant, $"taken@{_acmeSlug}.test");
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        var taken = await client.PostFormAsync($"/{_acmeSlug}/admin?handler=Invite", new() { ["Invite.Email"] = $"TAKEN@{_acmeSlug}.test" }, $"/{_acmeSlug}/admin", expect: HttpStatusCode.OK);
        Assert.Contains("already uses this email address", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bad = await client.PostFormAsync($"/{_acmeSlug}/admin?handler=Invite", new() { ["Invite.Email"] = "not-an-email" }, $"/{_acmeSlug}/admin", expect: HttpStatusCode.OK);
        Assert.Contains("Enter a valid email address.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(App.Mails());
    }

    [Fact]
    public async Task Roles_change_and_deactivation_are_audited_and_take_effect()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var colleague = await App.CreateUserAsync(tenant, $"colleague@{_acmeSlug}.test");
        var adminClient = await App.SignInAsync(_acmeSlug, admin.Email!);
        var colleagueClient = await App.SignInAsync(_acmeSlug, colleague.Email!);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleagueClient.GetAsync($"/{_acmeSlug}/admin")).StatusCode);

        var token = await adminClient.AntiforgeryTokenAsync($"/{_acmeSlug}/admin/users/{colleague.Id}");
        var roles = await adminClient.PostFormMultiAsync($"/{_acmeSlug}/admin/users/{colleague.Id}?handler=Roles", [new("roles", Roles.HR), new("roles", Roles.Executive)], token);
        Assert.Equal(HttpStatusCode.Redirect, roles.StatusCode);
        var granted = await App.InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.GetRolesAsync((await users.FindByIdAsync(colleague.Id.ToString()))!);
        });
        Assert.Equal([Roles.Employee, Roles.Executive, Roles.HR], granted.Order(StringComparer.Ordinal));

        var deactivate = await adminClient.PostFormAsync($"/{_acmeSlug}/admin/users/{colleague.Id}?handler=Deactivate", [], $"/{_acmeSlug}/admin/users/{colleague.Id}");
        Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);
        await App.CreateBrowserlikeClient().PostFormAsync($"/{_acmeSlug}/account/login", new() { ["Input.Email"] = colleague.Email!, ["Input.Password"] = TestApp.Password }, expect: HttpStatusCode.OK);

        var audit = await adminClient.GetStringAsync($"/{_acmeSlug}/admin/audit");
        Assert.Contains($"data-action=\"{AuditActions.RolesChanged}\"", audit, StringComparison.Ordinal);
        Assert.Contains($"data-action=\"{AuditActions.UserDeactivated}\"", audit, StringComparison.Ordinal);
        Assert.True(audit.Contains("added: HR, Executive; removed: </td>", StringComparison.Ordinal), audit[audit.IndexOf("<tbody>", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task A_reactivated_user_can_sign_in_again_and_the_reactivation_is_audited()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var colleague = await App.CreateUserAsync(tenant, $"colleague@{_acmeSlug}.test");
        var adminClient = await App.SignInAsync(_acmeSlug, admin.Email!);
        var userPage = $"/{_acmeSlug}/admin/users/{colleague.Id}";
        await adminClient.PostFormAsync($"{userPage}?handler=Deactivate", [], userPage, expect: HttpStatusCode.Redirect);
        var bravoAdmin = await App.SignInAsync(_bravoSlug, (await App.CreateTenantAsync(_bravoSlug)).Admin.Email!);
        await bravoAdmin.PostFormAsync($"/{_bravoSlug}/admin/users/{colleague.Id}?handler=Reactivate", [], $"/{_bravoSlug}/admin", expect: HttpStatusCode.NotFound);
        await App.CreateBrowserlikeClient().PostFormAsync($"/{_acmeSlug}/account/login", new() { ["Input.Email"] = colleague.Email!, ["Input.Password"] = TestApp.Password }, expect: HttpStatusCode.OK);

        var reactivated = await adminClient.PostFormAsync($"{userPage}?handler=Reactivate", [], userPage, expect: HttpStatusCode.Redirect);
        Assert.Equal(userPage, reactivated.Headers.Location!.OriginalString);
        Assert.Contains("can sign in again.", await adminClient.GetStringAsync(userPage), StringComparison.Ordinal);
        Assert.Contains("Welcome", await (await App.SignInAsync(_acmeSlug, colleague.Email!)).GetStringAsync($"/{_acmeSlug}/"), StringComparison.Ordinal);
        Assert.Contains($"data-action=\"{AuditActions.UserReactivated}\"", await adminClient.GetStringAsync($"/{_acmeSlug}/admin/audit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_removed_or_deactivated()
    {
        var (_, admin) = await App.CreateTenantAsync(_acmeSlug);
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        var token = await client.AntiforgeryTokenAsync($"/{_acmeSlug}/admin/users/{admin.Id}");
        var demote = await client.PostFormMultiAsync($"/{_acmeSlug}/admin/users/{admin.Id}?handler=Roles", [new("roles", Roles.HR)], token, expect: HttpStatusCode.OK);
        Assert.Contains("at least one active administrator", await demote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var self = await client.PostFormWithTokenAsync($"/{_acmeSlug}/admin/users/{admin.Id}?handler=Deactivate", [], token, expect: HttpStatusCode.OK);
        Assert.Contains("You cannot deactivate yourself.", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{_acmeSlug}/admin")).StatusCode);
    }

    [Fact]
    public async Task Company_settings_change_the_name_language_and_time_zone()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug, culture: "en");
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        var saved = await client.PostFormAsync($"/{_acmeSlug}/admin/settings", new()
        {
            ["Input.Name"] = "アクメ株式会社",
            ["Input.DefaultCulture"] = "ja",
            ["Input.TimeZoneId"] = "Asia/Tokyo",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var home = await client.GetStringAsync($"/{_acmeSlug}/");
        Assert.Contains("アクメ株式会社", home, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ja\">", home, StringComparison.Ordinal);

        var bad = await client.PostFormAsync($"/{_acmeSlug}/admin/settings", new() { ["Input.Name"] = "", ["Input.DefaultCulture"] = "xx", ["Input.TimeZoneId"] = "Mars/Olympus" }, expect: HttpStatusCode.OK);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("この項目は必須です", html, StringComparison.Ordinal);
        Assert.Contains("タイムゾーン", html, StringComparison.Ordinal);

        var duplicate = await client.PostFormAsync($"/{_acmeSlug}/admin/settings?handler=AddDepartment", new() { ["NewDepartment"] = "営業部" }, $"/{_acmeSlug}/admin/settings");
        Assert.Equal(HttpStatusCode.Redirect, duplicate.StatusCode);
        var again = await client.PostFormAsync($"/{_acmeSlug}/admin/settings?handler=AddDepartment", new() { ["NewDepartment"] = " 営業部 " }, $"/{_acmeSlug}/admin/settings", expect: HttpStatusCode.OK);
        Assert.Contains("この部署はすでに登録されています", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var count = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Departments.CountAsync());
        Assert.Equal(1, count);
    }
}
