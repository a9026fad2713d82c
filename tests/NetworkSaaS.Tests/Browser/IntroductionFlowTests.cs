using Microsoft.Playwright;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Browser;

public sealed class IntroductionFlowTests(PostgresCluster cluster) : BrowserTest(cluster)
{
    [Fact]
    public async Task An_employee_discovers_a_contact_asks_for_an_introduction_and_records_a_won_deal_after_the_connector_agrees()
    {
        await StartAsync();
        var (tenant, _) = await App.CreateTenantAsync("orbit");
        var connector = await App.CreateUserAsync(tenant, "haruka@orbit.test");
        var requester = await App.CreateUserAsync(tenant, "sam@orbit.test");
        await App.CreateContactAsync(tenant, connector.Id, "Nakamura", "Yui", "Hikari Logistics Co., Ltd.", ContactVisibility.Discoverable,
            email: "yui.nakamura@hikari.example", title: "Head of Procurement", depth: 4);

        var sam = await SignInAsync("orbit", requester.Email!);
        await sam.GetByRole(AriaRole.Link, new() { Name = "Discover", Exact = true }).ClickAsync();
        await sam.FillAsync("input[name=company]", "hikari");
        await sam.ClickAsync("#discover-form button[type=submit]");
        await sam.WaitForSelectorAsync("#discover-results li");
        var hit = await sam.InnerTextAsync("#discover-results");
        Assert.Contains("Head of Procurement", hit, StringComparison.Ordinal);
        Assert.DoesNotContain("Nakamura", hit, StringComparison.Ordinal);
        Assert.Contains("Account coverage", await sam.InnerTextAsync(".coverage"), StringComparison.Ordinal);
        await ScreenshotAsync(sam, "discover-en");
        Assert.True(CspViolations.Count == 0, "discover: " + string.Join("\n", CspViolations));

        await sam.GetByRole(AriaRole.Link, new() { Name = "Ask for an introduction" }).ClickAsync();
        await sam.CheckAsync("#purpose-SalesLead");
        await sam.FillAsync("#Reason", "Their new warehouse could use our routing software.");
        await sam.ClickAsync("#introduction-form button[type=submit]");
        await sam.WaitForSelectorAsync("#introduction-state");
        Assert.Equal("Waiting for the connector", await sam.InnerTextAsync("#introduction-state"));
        var requestUrl = sam.Url;
        Assert.True(CspViolations.Count == 0, "request: " + string.Join("\n", CspViolations));

        var haruka = await SignInAsync("orbit", connector.Email!);
        await haruka.GotoAsync("/orbit/notifications");
        await haruka.ClickAsync("#notifications button[type=submit]");
        await haruka.WaitForSelectorAsync("#accept-form");
        await haruka.ClickAsync("#accept-form button[type=submit]");
        await haruka.WaitForSelectorAsync("#consent-form");
        await haruka.ClickAsync("#consent-form button[type=submit]");
        await haruka.WaitForSelectorAsync("#introduction-state");
        Assert.Equal("Introduced", await haruka.InnerTextAsync("#introduction-state"));

        await sam.GotoAsync(requestUrl);
        var revealed = await sam.InnerTextAsync("#revealed-contact");
        Assert.Contains("Yui Nakamura", revealed, StringComparison.Ordinal);
        Assert.Contains("yui.nakamura@hikari.example", revealed, StringComparison.Ordinal);
        await sam.SelectOptionAsync("#NextOutcome", "Won");
        await sam.FillAsync("#Amount", "2500000");
        await sam.FillAsync("#Currency", "JPY");
        await sam.ClickAsync("#outcome-form button[type=submit]");
        await sam.WaitForSelectorAsync("#introduction-outcome");
        Assert.Equal("Won", await sam.InnerTextAsync("#introduction-outcome"));
        Assert.Contains("2,500,000.00 JPY", await sam.InnerTextAsync("#won-amount"), StringComparison.Ordinal);
        await ScreenshotAsync(sam, "introduction-won-en");
        Assert.Empty(CspViolations);
    }
}
