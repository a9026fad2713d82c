using System.Net;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Accounts;

/// <summary>Links in mails come from Email:BaseUrl: a forged Host header must not send a reset or invitation token elsewhere.</summary>
public sealed class MailLinkTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private const string PublicUrl = "https://networksaas.test";

    // Every request of these tests is addressed to the attacker's host name (so the Host header the app sees is theirs).
    private const string Forged = "http://evil.example";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Email:BaseUrl"] = PublicUrl };

    [Fact]
    public async Task A_password_reset_asked_with_a_forged_host_links_to_the_configured_base_url()
    {
        var (_, admin) = await App.CreateTenantAsync("acme");
        var client = App.CreateBrowserlikeClient();
        var asked = await client.PostFormAsync($"{Forged}/acme/account/forgot-password", new() { ["Email"] = admin.Email! });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);

        await PasswordResetJobs.RunEnqueuedAsync(App);
        var mail = Assert.Single(App.Mails());
        AssertLinksOnlyTo(mail, $"{PublicUrl}/acme/account/reset-password?userId=");
    }

    [Fact]
    public async Task An_invitation_sent_with_a_forged_host_links_to_the_configured_base_url()
    {
        var (_, admin) = await App.CreateTenantAsync("acme");
        var client = App.CreateBrowserlikeClient();
        var signedIn = await client.PostFormAsync($"{Forged}/acme/account/login", new() { ["Input.Email"] = admin.Email!, ["Input.Password"] = TestApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var invite = await client.PostFormAsync($"{Forged}/acme/admin?handler=Invite", new() { ["Invite.Email"] = "new.hire@acme.test" }, $"{Forged}/acme/admin");
        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);

        var mail = Assert.Single(App.Mails());
        AssertLinksOnlyTo(mail, $"{PublicUrl}/acme/account/invitation?token=");
    }

    private static void AssertLinksOnlyTo(MimeKit.MimeMessage mail, string expectedStart)
    {
        Assert.Contains(expectedStart, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(expectedStart, mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
    }
}
