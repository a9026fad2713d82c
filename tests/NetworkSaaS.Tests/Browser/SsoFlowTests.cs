using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Browser;

public sealed class SsoFlowTests(PostgresCluster cluster) : BrowserTest(cluster)
{
    [Fact]
    public async Task An_admin_configures_and_tests_sso_and_a_new_employee_signs_in_with_the_mapped_department()
    {
        await StartAsync();
        await using var idp = await TestOidcProvider.StartAsync();
        idp.AddClient("sakura-web", "sakura-web-secret", $"{BaseUrl}/sakura/signin-oidc");
        idp.AddUser(new TestOidcUser("it@sakura.test") { Name = "情報 太郎", Department = "情報システム部" });
        idp.AddUser(new TestOidcUser("hanako@sakura.test") { Name = "山田 花子", Kana = "やまだ はなこ", Department = "営業部", Title = "課長" });
        await App.CreateTenantAsync("sakura", culture: "ja", adminEmail: "admin@sakura-corp.test");

        var admin = await SignInAsync("sakura", "admin@sakura-corp.test");
        var seen = new List<string>();
        admin.Console += (_, message) => seen.Add($"{admin.Url}: {message.Text[..Math.Min(60, message.Text.Length)]}");
        await admin.GotoAsync("/sakura/admin/sso");
        await admin.FillAsync("#new-name", "Test IdP");
        await admin.FillAsync("#new-authority", idp.Issuer);
        await admin.FillAsync("#new-client", "sakura-web");
        await admin.FillAsync("#new-secret", "sakura-web-secret");
        await admin.FillAsync("#new-domains", "sakura.test");
        await admin.FillAsync("#new-kana-claim", "kana");
        await admin.FillAsync("#new-department-claim", "department");
        await admin.FillAsync("#new-title-claim", "title");
        await admin.ClickAsync("#sso-add button[type=submit]");
        await admin.WaitForSelectorAsync(".sso-connection");
        await ScreenshotAsync(admin, "sso-admin");

        // Test connection: a real sign-in at the provider (its own sign-in form), then the claims it sent.
        await admin.ClickAsync(".sso-connection form[action*=Test] button");
        await admin.WaitForURLAsync($"{idp.Issuer}connect/authorize**");
        await admin.FillAsync("#login_hint", "it@sakura.test");
        await admin.ClickAsync("#idp-sign-in");
        await admin.WaitForURLAsync($"{BaseUrl}/sakura/admin/sso/test**");
        Assert.Contains("情報システム部", await admin.InnerTextAsync("#sso-test-department"), StringComparison.Ordinal);
        Assert.Contains("it@sakura.test", await admin.InnerTextAsync("#sso-test-claims"), StringComparison.Ordinal);
        await ScreenshotAsync(admin, "sso-test-result");

        // Turn it on.
        await admin.GotoAsync("/sakura/admin/sso");
        await admin.ClickAsync(".sso-connection details summary");
        await admin.CheckAsync(".sso-connection input[name='Input.IsEnabled'][type=checkbox]");
        await admin.ClickAsync(".sso-connection form[action*=Update] button[type=submit]");
        await admin.WaitForSelectorAsync(".sso-connection .badge.text-bg-success");

        // A new employee: "Sign in with your company account" on the sign-in page.
        var employee = await NewPageAsync();
        employee.Console += (_, message) => seen.Add($"{employee.Url}: {message.Text[..Math.Min(60, message.Text.Length)]}");
        await employee.GotoAsync("/sakura/account/login");
        await employee.FillAsync("#sso-email", "hanako@sakura.test");
        await employee.ClickAsync("#sso-sign-in button[type=submit]");
        await employee.WaitForURLAsync($"{BaseUrl}/sakura/");
        Assert.Contains("山田 花子", await employee.InnerTextAsync("#welcome"), StringComparison.Ordinal);
        Assert.Contains("営業部", await employee.InnerTextAsync("main"), StringComparison.Ordinal);
        await ScreenshotAsync(employee, "sso-employee-home");
        Assert.True(CspViolations.Count == 0, string.Join("\n", seen));
    }
}
