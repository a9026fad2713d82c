using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Browser;

public sealed class PasskeyFlowTests(PostgresCluster cluster) : BrowserTest(cluster)
{
    [Fact]
    public async Task A_user_adds_a_passkey_signs_out_and_signs_in_with_it_without_a_password_but_not_in_another_company()
    {
        await StartAsync();
        var (acme, _) = await App.CreateTenantAsync("acme");
        await App.CreateTenantAsync("beta");

        // WebAuthn needs a domain (no IP address) in a secure context: http://localhost is one.
        var origin = new UriBuilder(BaseUrl) { Host = "localhost" }.Uri.ToString().TrimEnd('/');
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB", BaseURL = origin });
        context.SetDefaultTimeout(BrowserTest.PageTimeout);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                CspViolations.Add(message.Text);
            }
        };
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync("/acme/account/login");
        await page.FillAsync("#Input_Email", "admin@acme.test");
        await page.FillAsync("#Input_Password", TestApp.Password);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync($"{origin}/acme/");

        await page.GotoAsync("/acme/account/security");
        await page.FillAsync("#passkey-name", "Work laptop");
        await page.ClickAsync("#passkey-add button[type=submit]");
        await page.WaitForSelectorAsync("#passkey-list");
        Assert.Contains("Work laptop", await page.InnerTextAsync("#passkey-list"), StringComparison.Ordinal);
        await ScreenshotAsync(page, "passkeys-security");

        await SignOutAsync(page);
        await page.WaitForURLAsync($"{origin}/acme/account/login");
        await page.ClickAsync("#passkey-signin-button");
        await page.WaitForURLAsync($"{origin}/acme/");
        Assert.Contains("acme Admin", await page.InnerTextAsync("#signed-in-as"), StringComparison.Ordinal);

        await page.GotoAsync("/acme/account/security");
        Assert.DoesNotContain("Never", await page.InnerTextAsync("#passkey-list"), StringComparison.Ordinal);
        await page.FillAsync("#Input_NewPassword", "password123456");
        await page.WaitForSelectorAsync(".password-meter-label.text-danger");

        var actions = await App.InTenantAsync(acme, sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditActions.PasskeyAdded, actions);
        Assert.Contains(AuditActions.PasskeySignIn, actions);

        // The authenticator offers the same credential (same RP ID) at another company: it is unknown there.
        await SignOutAsync(page);
        await page.GotoAsync("/beta/account/login");
        await page.ClickAsync("#passkey-signin-button");
        await page.WaitForSelectorAsync("#passkey-problem");
        Assert.EndsWith("/beta/account/login/passkey", page.Url, StringComparison.Ordinal);

        // A deactivated user's passkey no longer signs in (Identity's own passkey sign-in does not check this).
        await App.InTenantAsync(acme, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync("admin@acme.test"))!;
            user.IsActive = false;
            return await users.UpdateAsync(user);
        });
        await page.GotoAsync("/acme/account/login");
        await page.ClickAsync("#passkey-signin-button");
        await page.WaitForSelectorAsync("#passkey-problem");
        Assert.EndsWith("/acme/account/login/passkey", page.Url, StringComparison.Ordinal);
        Assert.Empty(CspViolations);
    }
}
