using Microsoft.Playwright;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Browser;

public sealed class NetworkLogFlowTests(PostgresCluster cluster) : BrowserTest(cluster)
{
    [Fact]
    public async Task An_employee_adds_a_contact_logs_an_interaction_and_imports_an_eight_export_in_japanese()
    {
        await StartAsync();
        var (_, admin) = await App.CreateTenantAsync("kumo", culture: "ja");
        var page = await SignInAsync("kumo", admin.Email!);

        await page.GetByRole(AriaRole.Link, new() { Name = "マイ人脈" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "連絡先を追加" }).ClickAsync();
        await page.FillAsync("#Input_FamilyName", "高橋");
        await page.FillAsync("#Input_GivenName", "健太");
        await page.FillAsync("#Input_FamilyNameKana", "たかはし");
        await page.FillAsync("#Input_GivenNameKana", "けんた");
        await page.FillAsync("#Input_CompanyName", "株式会社ブルーオーシャン");
        await page.SelectOptionAsync("#Input_Channel", "ExchangeEvent");
        await page.SelectOptionAsync("#Input_Depth", "4");
        await page.CheckAsync("#visibility-Shared");
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForSelectorAsync("#contact-name");
        Assert.Equal("高橋 健太", await page.InnerTextAsync("#contact-name"));

        await page.SelectOptionAsync("select[name='Log.Kind']", "Meal");
        await page.FillAsync("textarea[name='Log.Note']", "品川でランチ。物流DXの話。");
        await page.ClickAsync("#log-interaction button[type=submit]");
        await page.WaitForSelectorAsync("#timeline li");
        Assert.Contains("品川でランチ", await page.InnerTextAsync("#timeline"), StringComparison.Ordinal);
        Assert.Contains("会食", await page.InnerTextAsync("#timeline"), StringComparison.Ordinal);

        await page.GotoAsync("/kumo/contacts/import");
        await page.SetInputFilesAsync("#file", Path.Combine(AppContext.BaseDirectory, "Unit", "Interchange", "Samples", "eight-meishi.csv"));
        await page.ClickAsync("#import-upload button[type=submit]");
        await page.WaitForSelectorAsync("#import-plan");
        Assert.Contains("山田 太郎", await page.InnerTextAsync("#import-preview"), StringComparison.Ordinal);
        await ScreenshotAsync(page, "import-preview-ja");
        await page.ClickAsync("#start-import");
        await page.WaitForSelectorAsync("#import-result");

        await page.GotoAsync("/kumo/contacts");
        var list = await page.InnerTextAsync("#contacts");
        Assert.Contains("山田 太郎", list, StringComparison.Ordinal);
        Assert.Contains("高橋 健太", list, StringComparison.Ordinal);
        Assert.Contains("マイ人脈", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
        await ScreenshotAsync(page, "my-network-ja");
        Assert.Empty(CspViolations);
    }
}
