using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Browser;

public sealed class CardFlowTests(PostgresCluster cluster) : BrowserTest(cluster)
{
    [Fact]
    public async Task An_owner_turns_the_card_on_and_a_visitor_sees_its_qr_code_and_leaves_their_details()
    {
        await StartAsync();
        var (tenant, _) = await App.CreateTenantAsync("acme", culture: "ja");
        var owner = await App.CreateUserAsync(tenant, "taro.yamada@acme.test");
        var page = await SignInAsync("acme", owner.Email!);

        await page.GotoAsync("/acme/account/profile");
        await page.ClickAsync("#card-link");
        await page.WaitForURLAsync($"{BaseUrl}/acme/account/card");
        Assert.Equal("taro-yamada", await page.InputValueAsync("#Input_Handle"));
        await page.CheckAsync("#Input_Enabled");
        await page.CheckAsync("#Input_ShowEmail");
        await page.CheckAsync("#Input_FormEnabled");
        await page.ClickAsync("#card-save");
        await page.WaitForSelectorAsync("#card-public-link");
        var cardPath = new Uri(await page.GetAttributeAsync("#card-public-link", "href") ?? "", UriKind.Relative).OriginalString;

        var visitor = await NewPageAsync();
        await visitor.GotoAsync(cardPath);
        Assert.Equal("taro.yamada@acme.test", await visitor.InnerTextAsync("#card-email"));
        Assert.True(await visitor.EvalOnSelectorAsync<bool>("#card-qr", "img => img.complete && img.naturalWidth > 100"));
        // The honeypot is laid out far off the screen (site.css), so people never see or fill it.
        var honeypot = await visitor.Locator("#card-website").BoundingBoxAsync();
        Assert.True(honeypot is not null && honeypot.X + honeypot.Width < 0, $"honeypot at x={honeypot?.X}");
        await visitor.FillAsync("#Input_Name", "佐藤 花子");
        await visitor.FillAsync("#Input_Company", "来訪株式会社");
        await visitor.FillAsync("#Input_Email", "hanako@visitor.test");
        await visitor.FillAsync("#Input_Message", "展示会でお会いしました。");
        await Task.Delay(Web.Features.Cards.CardFormStamp.MinimumFillTime + TimeSpan.FromSeconds(1));
        await visitor.ClickAsync("#card-send");
        await visitor.WaitForSelectorAsync("#card-thanks");
        await ScreenshotAsync(visitor, "business-card-ja");

        var contact = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.SingleAsync());
        Assert.Equal((owner.Id, MeetingChannel.ExchangeEvent, "佐藤 花子"), (contact.OwnerId, contact.Channel, contact.DisplayName));
        Assert.Empty(CspViolations);
    }
}
