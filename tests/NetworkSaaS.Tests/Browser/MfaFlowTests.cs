using NetworkSaaS.Tests.Accounts;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Browser;

/// <summary>A person sets up an authenticator app from the security page, signs out and signs in with a code.</summary>
public sealed class MfaFlowTests(PostgresCluster cluster) : BrowserTest(cluster)
{
    [Fact]
    public async Task A_user_enrolls_an_authenticator_from_the_page_signs_out_and_signs_in_with_a_code()
    {
        await StartAsync();
        var (_, admin) = await App.CreateTenantAsync("orbit");
        var page = await SignInAsync("orbit", admin.Email!);

        await page.GotoAsync("/orbit/account/security");
        await page.ClickAsync("#authenticator-section a.btn");
        await page.ClickAsync("#start-authenticator");
        await page.WaitForSelectorAsync("#authenticator-key");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('authenticator-qr').naturalWidth > 0"));
        var app = new Authenticator(await page.InnerTextAsync("#authenticator-key"));
        await page.FillAsync("#Code", app.NextCode());
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForSelectorAsync("#recovery-codes");
        Assert.Equal(10, await page.Locator(".recovery-code").CountAsync());
        await ScreenshotAsync(page, "mfa-recovery-codes");

        await SignOutAsync(page);
        await page.WaitForURLAsync($"{BaseUrl}/orbit/account/login");
        await page.FillAsync("#Input_Email", admin.Email!);
        await page.FillAsync("#Input_Password", TestApp.Password);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync(url => url.Contains("/orbit/account/login/mfa", StringComparison.Ordinal));
        await page.FillAsync("#Code", app.NextCode());
        await page.ClickAsync("#mfa-code-form button[type=submit]");
        await page.WaitForURLAsync($"{BaseUrl}/orbit/");
        Assert.Empty(CspViolations);
    }
}
