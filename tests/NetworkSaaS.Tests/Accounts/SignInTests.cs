using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Accounts;

public sealed partial class SignInTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [GeneratedRegex("https?://[^\\s\"<]+/account/reset-password\\?[^\\s\"<]+")]
    private static partial Regex ResetLink();

    [Fact]
    public async Task Wrong_password_unknown_email_and_deactivated_user_all_get_the_same_message()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var gone = await App.CreateUserAsync(tenant, "gone@acme.test");
        await App.InTenantAsync(tenant, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByIdAsync(gone.Id.ToString());
            user!.IsActive = false;
            return await users.UpdateAsync(user);
        });

        var client = App.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var bodies = new List<string>();
        foreach (var (email, password) in new[] { (admin.Email!, "wrong-password-1"), ("nobody@acme.test", TestApp.Password), ("gone@acme.test", TestApp.Password) })
        {
            var response = await client.PostFormAsync("/acme/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password }, expect: HttpStatusCode.OK);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("The email or password is not correct.", body, StringComparison.Ordinal);
            bodies.Add(body.Replace(email, "", StringComparison.Ordinal));
        }

        Assert.Single(bodies.Select(b => Regex.Replace(b, "value=\"[^\"]*\"", "")).Distinct());
    }

    [Fact]
    public async Task A_user_signs_in_and_signs_out_with_a_post_only()
    {
        var (_, admin) = await App.CreateTenantAsync("acme");
        var client = await App.SignInAsync("acme", admin.Email!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/acme/account/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/acme/")).StatusCode);

        var signOut = await client.PostFormAsync("/acme/account/logout", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/acme/")).StatusCode);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_mailed_link()
    {
        var (_, admin) = await App.CreateTenantAsync("acme", culture: "ja");
        var client = App.CreateBrowserlikeClient();
        var asked = await client.PostFormAsync("/acme/account/forgot-password", new() { ["Email"] = admin.Email! });
        Assert.Contains("id=\"reset-sent\"", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await client.PostFormAsync("/acme/account/forgot-password", new() { ["Email"] = "nobody@acme.test" });
        Assert.Contains("id=\"reset-sent\"", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await PasswordResetJobs.RunEnqueuedAsync(App);
        var mail = Assert.Single(App.Mails());
        Assert.Equal(admin.Email, mail.To.Mailboxes.Single().Address);
        Assert.Contains("パスワード", mail.Subject, StringComparison.Ordinal);
        var link = new Uri(ResetLink().Match(mail.TextBody!).Value);

        var form = await client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var reset = await client.PostFormAsync("/acme/account/reset-password", new()
        {
            ["Input.UserId"] = query["userId"]!,
            ["Input.Token"] = query["token"]!,
            ["Input.Password"] = "a-brand-new-password",
            ["Input.ConfirmPassword"] = "a-brand-new-password",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await App.SignInAsync("acme", admin.Email!, "a-brand-new-password");

        var reused = await client.PostFormAsync("/acme/account/reset-password", new()
        {
            ["Input.UserId"] = query["userId"]!,
            ["Input.Token"] = query["token"]!,
            ["Input.Password"] = "yet-another-password",
            ["Input.ConfirmPassword"] = "yet-another-password",
        }, expect: HttpStatusCode.OK);
        Assert.Contains("このリンクは無効", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_link_of_one_company_does_nothing_under_another()
    {
        var (_, alphaAdmin) = await App.CreateTenantAsync("alpha");
        await App.CreateTenantAsync("bravo");
        var client = App.CreateBrowserlikeClient();
        await client.PostFormAsync("/alpha/account/forgot-password", new() { ["Email"] = alphaAdmin.Email! });
        await PasswordResetJobs.RunEnqueuedAsync(App);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(ResetLink().Match(Assert.Single(App.Mails()).TextBody!).Value).Query);

        var underBravo = await client.PostFormAsync("/bravo/account/reset-password", new()
        {
            ["Input.UserId"] = query["userId"]!,
            ["Input.Token"] = query["token"]!,
            ["Input.Password"] = "taken-over-password",
            ["Input.ConfirmPassword"] = "taken-over-password",
        }, expect: HttpStatusCode.OK);
        Assert.Contains("This link is invalid or has expired.", await underBravo.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await App.CreateBrowserlikeClient().PostFormAsync("/alpha/account/login",
            new() { ["Input.Email"] = alphaAdmin.Email!, ["Input.Password"] = "taken-over-password" }, expect: HttpStatusCode.OK);
        await App.SignInAsync("alpha", alphaAdmin.Email!); // the old password still works

        // The same link, unused, still works in its own company.
        await client.PostFormAsync("/alpha/account/reset-password", new()
        {
            ["Input.UserId"] = query["userId"]!,
            ["Input.Token"] = query["token"]!,
            ["Input.Password"] = "a-brand-new-password",
            ["Input.ConfirmPassword"] = "a-brand-new-password",
        }, expect: HttpStatusCode.Redirect);
        await App.SignInAsync("alpha", alphaAdmin.Email!, "a-brand-new-password");
    }

    [Fact]
    public async Task The_profile_saves_name_title_language_and_expertise()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var client = await App.SignInAsync("acme", admin.Email!);

        var saved = await client.PostFormAsync("/acme/account/profile", new()
        {
            ["Input.DisplayName"] = "山田 太郎",
            ["Input.DisplayNameKana"] = "やまだ たろう",
            ["Input.Title"] = "営業部長",
            ["Input.Culture"] = "ja",
            ["Input.ExpertiseTags"] = "製造業、採用, Go, go",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var home = await (await client.GetAsync("/acme/")).Content.ReadAsStringAsync();
        Assert.Contains("ようこそ、山田 太郎", home, StringComparison.Ordinal);
        Assert.Contains("営業部長", home, StringComparison.Ordinal);
        var tags = await App.InTenantAsync(tenant, async sp =>
            (await sp.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(admin.Id.ToString()))!.ExpertiseTags);
        Assert.Equal(["製造業", "採用", "Go"], tags);

        var invalid = await client.PostFormAsync("/acme/account/profile", new()
        {
            ["Input.DisplayName"] = "",
            ["Input.Culture"] = "fr",
        }, expect: HttpStatusCode.OK);
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("この項目は必須です", html, StringComparison.Ordinal);
    }
}
