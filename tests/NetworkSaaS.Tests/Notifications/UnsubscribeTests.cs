using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Tests.Notifications;

/// <summary>Stopping the digest email from the mail itself: a page that asks first, and RFC 8058 one-click.</summary>
public sealed partial class UnsubscribeTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _alphaSlug = Slug("alpha");
    private readonly string _bravoSlug = Slug("bravo");

    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    [GeneratedRegex(@"http://localhost:5080(/[a-z0-9-]+/notifications/unsubscribe\?token=[A-Za-z0-9_-]+)")]
    private static partial Regex StopLink();

    [Fact]
    public async Task The_link_in_the_digest_asks_first_and_its_button_stops_only_that_users_digest_email_without_signing_in()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_alphaSlug, culture: "ja");
        var colleague = await App.CreateUserAsync(tenant, $"colleague@{_alphaSlug}.example");
        var mail = await DigestMailAsync(tenant, admin);
        var link = StopLink().Match(mail.TextBody!).Groups[1].Value;
        Assert.Contains(link.Replace("&", "&amp;", StringComparison.Ordinal), mail.HtmlBody, StringComparison.Ordinal);

        var anonymous = App.CreateClient();
        var page = await anonymous.GetStringAsync(link);
        Assert.Contains("連絡のタイミングのお知らせ（ダイジェスト）のメール配信を停止しますか？", page, StringComparison.Ordinal);
        Assert.True(await ByEmailAsync(tenant, admin), "Opening the link (as mail scanners do) must change nothing.");

        var token = link.Split("token=")[1];
        var withoutAntiforgery = await anonymous.PostFormWithTokenAsync(link, new() { ["Token"] = token }, null, expect: HttpStatusCode.BadRequest);
        Assert.True(await ByEmailAsync(tenant, admin));

        var done = await anonymous.PostFormAsync(link, new() { ["Token"] = token }, link, expect: HttpStatusCode.OK);
        Assert.Contains("unsubscribe-done", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await ByEmailAsync(tenant, admin));
        Assert.True(await ByEmailAsync(tenant, colleague));

        // The next due digest still comes in the app, but no longer by email.
        _clock.UtcNow = _clock.UtcNow.AddDays(1);
        Assert.Equal(1, await RunJobAsync(tenant));
        Assert.Single(App.Mails());
    }

    [Fact]
    public async Task The_list_unsubscribe_headers_offer_one_click_which_a_mail_program_can_post_without_cookies_or_antiforgery()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_alphaSlug);
        var mail = await DigestMailAsync(tenant, admin);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        var header = mail.Headers["List-Unsubscribe"];
        var match = Regex.Match(header!, $"^<http://localhost:5080(/{_alphaSlug}/notifications/unsubscribe/one-click\\?token=[A-Za-z0-9_-]+)>$");
        Assert.True(match.Success, header);
        var oneClick = match.Groups[1].Value;

        var anonymous = App.CreateClient();
        var get = await anonymous.GetAsync(oneClick);
        Assert.NotEqual(HttpStatusCode.OK, get.StatusCode);
        var wrongBody = await anonymous.PostAsync(oneClick, new FormUrlEncodedContent([new("List-Unsubscribe", "Yes")]));
        Assert.Equal(HttpStatusCode.BadRequest, wrongBody.StatusCode);
        Assert.True(await ByEmailAsync(tenant, admin));

        var post = await anonymous.PostAsync(oneClick, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.False(await ByEmailAsync(tenant, admin));
    }

    [Fact]
    public async Task A_tampered_token_or_one_made_for_another_company_is_refused_and_changes_nothing()
    {
        var (alpha, alphaAdmin) = await App.CreateTenantAsync(_alphaSlug);
        var (bravo, bravoAdmin) = await App.CreateTenantAsync(_bravoSlug);
        var mail = await DigestMailAsync(alpha, alphaAdmin);
        var link = StopLink().Match(mail.TextBody!).Groups[1].Value;
        var token = link.Split("token=")[1];
        var anonymous = App.CreateClient();

        // The same token under another company's path: the page says the link is not valid and offers no button.
        var foreign = await anonymous.GetStringAsync($"/{_bravoSlug}/notifications/unsubscribe?token={token}");
        Assert.Contains("unsubscribe-invalid", foreign, StringComparison.Ordinal);
        Assert.DoesNotContain("unsubscribe-form", foreign, StringComparison.Ordinal);
        var foreignPost = await anonymous.PostFormAsync($"/{_bravoSlug}/notifications/unsubscribe?token={token}", new() { ["Token"] = token }, expect: HttpStatusCode.OK);
        Assert.Contains("unsubscribe-invalid", await foreignPost.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var foreignOneClick = await anonymous.PostAsync($"/{_bravoSlug}/notifications/unsubscribe/one-click?token={token}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.NotFound, foreignOneClick.StatusCode);

        var tampered = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var tamperedPost = await anonymous.PostFormAsync($"/{_alphaSlug}/notifications/unsubscribe?token={tampered}", new() { ["Token"] = tampered }, expect: HttpStatusCode.OK);
        Assert.Contains("unsubscribe-invalid", await tamperedPost.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("unsubscribe-invalid", await anonymous.GetStringAsync($"/{_alphaSlug}/notifications/unsubscribe?token=not-a-token"), StringComparison.Ordinal);

        Assert.True(await ByEmailAsync(alpha, alphaAdmin));
        Assert.True(await ByEmailAsync(bravo, bravoAdmin));
        Assert.Equal(0, await App.InTenantAsync(bravo, sp => sp.GetRequiredService<AppDbContext>().NotificationSettings.CountAsync()));
    }

    private async Task<MimeKit.MimeMessage> DigestMailAsync(ITenantInfo tenant, AppUser owner)
    {
        var contact = await App.CreateContactAsync(tenant, owner.Id, "Due", "Person");
        await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.Where(c => c.Id == contact.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextTouchOn, new DateOnly(2026, 1, 1))));
        Assert.Equal(1, await RunJobAsync(tenant));
        return Assert.Single(App.Mails(), m => m.To.Mailboxes.Single().Address == owner.Email);
    }

    private Task<int> RunJobAsync(ITenantInfo tenant) => App.RunDigestJobsAsync(tenant);

    private async Task<bool> ByEmailAsync(ITenantInfo tenant, AppUser user) =>
        (await App.InTenantAsync(tenant, sp => sp.GetRequiredService<NotificationSettingsStore>().ReadAsync(user.Id, CancellationToken.None))).DigestByEmail;
}
