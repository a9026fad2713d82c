using Microsoft.Playwright;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Browser;

public sealed class SignupFlowTests(PostgresCluster cluster) : BrowserTest(cluster)
{
    [Fact]
    public async Task A_new_company_signs_up_signs_in_switches_language_and_sees_its_home()
    {
        await StartAsync();
        var page = await NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "会社を新規登録" }).First.ClickAsync();
        await page.FillAsync("#Input_CompanyName", "みなと物産株式会社");
        await page.FillAsync("#Input_Slug", "minato");
        await page.SelectOptionAsync("#Input_DefaultCulture", "ja");
        await page.SelectOptionAsync("#Input_TimeZoneId", "Asia/Tokyo");
        await page.FillAsync("#Input_AdminName", "港 一郎");
        await page.FillAsync("#Input_AdminNameKana", "みなと いちろう");
        await page.FillAsync("#Input_Email", "ichiro@minato.example");
        await page.FillAsync("#Input_Password", "harbor-lantern-violet-9");
        await page.FillAsync("#Input_ConfirmPassword", "harbor-lantern-violet-9");
        await page.ClickAsync("button[type=submit].btn-primary");

        await page.WaitForURLAsync($"{BaseUrl}/minato/");
        Assert.Contains("ようこそ、港 一郎さん", await page.InnerTextAsync("#welcome"), StringComparison.Ordinal);
        await ScreenshotAsync(page, "home-ja");

        await SwitchLanguageAsync(page, "en");
        Assert.Contains("Welcome, 港 一郎", await page.InnerTextAsync("#welcome"), StringComparison.Ordinal);

        await OpenAccountMenuAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync($"{BaseUrl}/minato/account/login");
        await page.FillAsync("#Input_Email", "ichiro@minato.example");
        await page.FillAsync("#Input_Password", "harbor-lantern-violet-9");
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync($"{BaseUrl}/minato/");
        Assert.Contains("Welcome, 港 一郎", await page.InnerTextAsync("#welcome"), StringComparison.Ordinal);
        Assert.Contains("みなと物産株式会社", await page.InnerTextAsync(".navbar-brand"), StringComparison.Ordinal);
        await ScreenshotAsync(page, "home-en");
        Assert.Empty(CspViolations);
    }
}
