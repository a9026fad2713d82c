using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Accounts.Passwords;

namespace NetworkSaaS.Tests.Accounts;

public sealed class PasswordTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");

    private const string Guessable = "This password is common or easy to guess. Use a longer phrase of unrelated words.";
    private const string GuessableJa = "よく使われている、または推測されやすいパスワードです。関連のない単語を並べた長めのフレーズにしてください。";
    private const string Personal = "Passwords must not contain your email, your name, or the company&#x27;s ID or name.";
    private const string PersonalJa = "パスワードにメールアドレス、名前、会社IDや会社名を含めることはできません。";

    [Fact]
    public void Common_and_personal_passwords_are_refused_and_the_test_and_demo_passwords_pass()
    {
        var words = PasswordStrength.PersonalWords("hanako.kumoi@kumo.example", "雲井 花子", "kumo-logistics", "Kumo Logistics 株式会社");
        Assert.False(PasswordStrength.Evaluate("password123456", words).Acceptable);
        Assert.False(PasswordStrength.Evaluate("qwertyuiop1234", words).Acceptable);
        Assert.True(PasswordStrength.Evaluate("Hanako-river-lantern-88", words).ContainsPersonalWords);
        Assert.True(PasswordStrength.Evaluate("logistics-violet-harbor", words).ContainsPersonalWords);
        Assert.True(PasswordStrength.Evaluate("雲井花子の長いパスフレーズ", words).ContainsPersonalWords);
        Assert.DoesNotContain("example", words);
        Assert.True(PasswordStrength.Evaluate(TestApp.Password, words).Acceptable);
        Assert.True(PasswordStrength.Evaluate(NetworkSaaS.Seeds.DemoSeeder.DemoPassword, words).Acceptable);
    }

    [Fact]
    public async Task Signup_refuses_a_common_password_and_one_with_the_company_id_in_the_visitors_language()
    {
        var client = App.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        var common = await client.PostFormAsync("/signup", SignupForm("kumo", "password123456"), expect: HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, common.StatusCode);
        Assert.Contains(GuessableJa, await common.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var english = App.CreateBrowserlikeClient();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var personal = await english.PostFormAsync("/signup", SignupForm("kumo", "kumo-violet-harbor-lantern"), expect: HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, personal.StatusCode);
        Assert.Contains(Personal, await personal.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = App.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.AnyAsync(t => t.Slug == "kumo"));
    }

    [Fact]
    public async Task Reset_refuses_a_guessable_password_and_one_with_the_users_email()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug, culture: "ja");
        var token = await App.InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(admin.Id.ToString()))!);
        });
        var client = App.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        foreach (var (password, message) in new[] { ("yet-another-password", GuessableJa), ("admin-violet-harbor-lantern", PersonalJa) })
        {
            var reset = await client.PostFormAsync($"/{_acmeSlug}/account/reset-password", new()
            {
                ["Input.UserId"] = admin.Id.ToString(),
                ["Input.Token"] = token,
                ["Input.Password"] = password,
                ["Input.ConfirmPassword"] = password,
            }, expect: HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            Assert.Contains(message, await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await App.SignInAsync(_acmeSlug, admin.Email!);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_refuses_weak_ones_and_renews_the_security_stamp()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_acmeSlug);
        var client = await App.SignInAsync(_acmeSlug, admin.Email!);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var stampBefore = await StampAsync(tenant, admin.Id);

        var wrong = await client.PostFormAsync($"/{_acmeSlug}/account/security/password", ChangeForm("not-my-password-at-all", "harbor-lantern-violet-9"), expect: HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The password is not correct.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var weak = await client.PostFormAsync($"/{_acmeSlug}/account/security/password", ChangeForm(TestApp.Password, "password123456"), expect: HttpStatusCode.OK);
        Assert.Contains(Guessable, await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var personal = await client.PostFormAsync($"/{_acmeSlug}/account/security/password", ChangeForm(TestApp.Password, $"{_acmeSlug}-harbor-lantern-violet"), expect: HttpStatusCode.OK);
        Assert.Contains(Personal, await personal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(stampBefore, await StampAsync(tenant, admin.Id));

        var changed = await client.PostFormAsync($"/{_acmeSlug}/account/security/password", ChangeForm(TestApp.Password, "harbor-lantern-violet-9"), expect: HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal($"/{_acmeSlug}/account/security", changed.Headers.Location!.OriginalString);
        Assert.NotEqual(stampBefore, await StampAsync(tenant, admin.Id));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{_acmeSlug}/account/security")).StatusCode);
        await App.SignInAsync(_acmeSlug, admin.Email!, "harbor-lantern-violet-9");

        var audited = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .Where(e => e.Action == AuditActions.PasswordChanged).Select(e => e.ActorUserId).ToListAsync());
        Assert.Equal([admin.Id], audited);
    }

    [Fact]
    public async Task The_strength_meter_answers_what_the_validator_would_decide()
    {
        var client = App.CreateBrowserlikeClient();
        var token = await client.AntiforgeryTokenAsync("/signup");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/password-strength")).StatusCode);

        async Task<string> JudgeAsync(string password, params string[] words)
        {
            var fields = new List<KeyValuePair<string, string>> { new("password", password) };
            fields.AddRange(words.Select(w => new KeyValuePair<string, string>("words", w)));
            var response = await client.PostFormMultiAsync("/password-strength", fields, token, expect: HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("\"acceptable\":false", await JudgeAsync("password123456"), StringComparison.Ordinal);
        Assert.Contains("\"acceptable\":true", await JudgeAsync(TestApp.Password), StringComparison.Ordinal);
        Assert.Contains("\"acceptable\":false", await JudgeAsync(TestApp.Password, $"horse@{_acmeSlug}.test"), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> SignupForm(string slug, string password) => new()
    {
        ["Input.CompanyName"] = "Kumo Logistics 株式会社",
        ["Input.Slug"] = slug,
        ["Input.DefaultCulture"] = "ja",
        ["Input.TimeZoneId"] = "Asia/Tokyo",
        ["Input.AdminName"] = "雲井 花子",
        ["Input.AdminNameKana"] = "くもい はなこ",
        ["Input.Email"] = "hanako@kumo.example",
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    private static Dictionary<string, string> ChangeForm(string current, string next) => new()
    {
        ["Input.CurrentPassword"] = current,
        ["Input.NewPassword"] = next,
        ["Input.ConfirmPassword"] = next,
    };

    private Task<string?> StampAsync(NetworkSaaS.Core.Features.Tenancy.ITenantInfo tenant, Guid userId) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync());
}
