using System.Text.Json;
using Microsoft.Playwright;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Browser.Accessibility;

/// <summary>
/// The main flows with the keyboard alone: Tab and Shift+Tab to move, Enter and Space to act, arrow keys in radio groups
/// and selects, typing into fields; no clicks. Every control on the way is reached by Tab in a sensible order and shows
/// a focus indicator when it has focus.
/// </summary>
public sealed class KeyboardFlowTests(PostgresCluster cluster) : BrowserTest(cluster)
{
    private const string Slug = "orbit";

    private const string Focused = """
        selector => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const indicated = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
            const label = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
            return JSON.stringify({
                matches: el.matches(selector),
                indicated: el === document.body || el.tagName === 'MAIN' || indicated,
                description: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${label}" [${style.outlineStyle} ${style.outlineWidth} ${style.boxShadow}]`,
            });
        }
        """;

    [Fact]
    public async Task An_employee_adds_a_contact_and_imports_a_file_with_the_keyboard_alone()
    {
        await StartAsync();
        var (_, admin) = await App.CreateTenantAsync(Slug);
        var page = await SignInWithKeyboardAsync(admin.Email!);

        // The skip link is the first stop and takes focus past the header.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-link", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        Assert.True(await page.Locator(".skip-link").IsVisibleAsync());
        Assert.True((await page.Locator(".skip-link").BoundingBoxAsync())!.Y >= 0, "the focused skip link is on screen");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        await TabToAsync(page, "main a[href$='/contacts/new']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"{BaseUrl}/{Slug}/contacts/new");
        await TabToAsync(page, "#Input_FamilyName");
        await page.Keyboard.TypeAsync("Takahashi");
        await NextAsync(page, "#Input_GivenName");
        await page.Keyboard.TypeAsync("Kenta");
        await TabToAsync(page, "#Input_CompanyName");
        await page.Keyboard.TypeAsync("Blue Ocean K.K.");
        await TabToAsync(page, "#Input_Depth");
        var depth = await page.InputValueAsync("#Input_Depth");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.NotEqual(depth, await page.InputValueAsync("#Input_Depth"));
        await TabToAsync(page, "#Input_OpenToSales");
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.IsCheckedAsync("#Input_OpenToSales"));
        await TabToAsync(page, "input[name='Input.Visibility']:checked");
        await ArrowUntilCheckedAsync(page, "#visibility-Shared");
        await TabToAsync(page, "form button[type=submit].btn-primary");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#contact-name");
        Assert.Equal("Kenta Takahashi", await page.InnerTextAsync("#contact-name"));

        // Import: Tab reaches the file field (the operating system's file dialog is not part of the page, so the file is
        // given to the focused field), then the upload and import buttons.
        await TabToAsync(page, "header a[href$='/contacts']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"{BaseUrl}/{Slug}/contacts");
        await TabToAsync(page, "main a[href$='/contacts/import']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"{BaseUrl}/{Slug}/contacts/import");
        await TabToAsync(page, "#file");
        await page.Locator("#file:focus").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Unit", "Interchange", "Samples", "eight-meishi.csv"));
        await NextAsync(page, "#import-upload button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#import-plan");
        await TabToAsync(page, "#start-import");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#import-result", new() { Timeout = 60_000 });
        await TabToAsync(page, "main a[href$='/contacts'].btn-primary");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"{BaseUrl}/{Slug}/contacts");
        var list = await page.InnerTextAsync("#contacts");
        Assert.Contains("Kenta Takahashi", list, StringComparison.Ordinal);
        Assert.Contains("山田 太郎", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_colleague_is_discovered_asked_for_an_introduction_and_accepts_with_the_keyboard_alone()
    {
        await StartAsync();
        var (tenant, _) = await App.CreateTenantAsync(Slug);
        var connector = await App.CreateUserAsync(tenant, "haruka@orbit.test");
        var requester = await App.CreateUserAsync(tenant, "sam@orbit.test");
        await App.CreateContactAsync(tenant, connector.Id, "Nakamura", "Yui", "Hikari Logistics Co., Ltd.", ContactVisibility.Discoverable,
            email: "yui.nakamura@hikari.example", title: "Head of Procurement", depth: 4);

        var sam = await SignInWithKeyboardAsync(requester.Email!);
        await TabToAsync(sam, "header a[href$='/discover']");
        await sam.Keyboard.PressAsync("Enter");
        await sam.WaitForURLAsync($"{BaseUrl}/{Slug}/discover");
        await TabToAsync(sam, "#discover-form input[name=company]");
        await sam.Keyboard.TypeAsync("hikari");
        await sam.Keyboard.PressAsync("Enter");
        await sam.WaitForSelectorAsync("#discover-results li");
        Assert.Contains("Head of Procurement", await sam.InnerTextAsync("#discover-results"), StringComparison.Ordinal);
        await TabToAsync(sam, "#discover-results a[href*='/introductions/new']");
        await sam.Keyboard.PressAsync("Enter");
        await sam.WaitForSelectorAsync("#introduction-form");
        await TabToAsync(sam, "input[name=Purpose]");
        await ArrowUntilCheckedAsync(sam, "#purpose-SalesLead");
        await TabToAsync(sam, "#Reason");
        await sam.Keyboard.TypeAsync("Their new warehouse could use our routing software.");
        await TabToAsync(sam, "#introduction-form button[type=submit]");
        await sam.Keyboard.PressAsync("Enter");
        await sam.WaitForSelectorAsync("#introduction-state");
        Assert.Equal("Waiting for the connector", await sam.InnerTextAsync("#introduction-state"));

        var haruka = await SignInWithKeyboardAsync(connector.Email!);
        await TabToAsync(haruka, "header a[href$='/notifications']");
        await haruka.Keyboard.PressAsync("Enter");
        await haruka.WaitForURLAsync($"{BaseUrl}/{Slug}/notifications");
        await TabToAsync(haruka, "#notifications button[type=submit]");
        await haruka.Keyboard.PressAsync("Enter");
        await haruka.WaitForSelectorAsync("#accept-form");
        await TabToAsync(haruka, "#accept-form button[type=submit]");
        await haruka.Keyboard.PressAsync("Enter");
        await haruka.WaitForSelectorAsync("#consent-form");
        await TabToAsync(haruka, "#ConsentOn");
        await TabToAsync(haruka, "#consent-form button[type=submit]");
        await haruka.Keyboard.PressAsync("Space");
        await haruka.WaitForSelectorAsync("#introduction-state:text('Introduced')");
        Assert.Equal("Introduced", await haruka.InnerTextAsync("#introduction-state"));
    }

    /// <summary>Signs in on the login form with the keyboard; the page is then on the company's home page.</summary>
    private async Task<IPage> SignInWithKeyboardAsync(string email)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB", BaseURL = BaseUrl });
        context.SetDefaultTimeout(BrowserTest.PageTimeout);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{Slug}/account/login");
        await TabToAsync(page, "#Input_Email");
        await page.Keyboard.TypeAsync(email);
        await NextAsync(page, "#Input_Password");
        await page.Keyboard.TypeAsync(TestApp.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"{BaseUrl}/{Slug}/");
        return page;
    }

    /// <summary>Presses Tab until the focused element matches; every stop on the way must show its focus.</summary>
    private static async Task TabToAsync(IPage page, string selector, int maxPresses = 80)
    {
        var path = new List<string>();
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await FocusAsync(page, selector);
            Assert.True(focus.Indicated, $"{page.Url}: {focus.Description} has focus but shows no focus indicator");
            if (focus.Matches)
            {
                return;
            }

            path.Add(focus.Description);
        }

        Assert.Fail($"{page.Url}: {maxPresses} presses of Tab never reached {selector}; focus went {string.Join(" → ", path)}");
    }

    /// <summary>The very next Tab stop is <paramref name="selector"/> (the focus order follows the form).</summary>
    private static async Task NextAsync(IPage page, string selector)
    {
        await page.Keyboard.PressAsync("Tab");
        var focus = await FocusAsync(page, selector);
        Assert.True(focus.Matches, $"{page.Url}: after one Tab the focus is on {focus.Description}, not {selector}");
        Assert.True(focus.Indicated, $"{page.Url}: {focus.Description} has focus but shows no focus indicator");
    }

    private static async Task ArrowUntilCheckedAsync(IPage page, string radio)
    {
        for (var i = 0; i < 8 && !await page.IsCheckedAsync(radio); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.True(await page.IsCheckedAsync(radio), $"the arrow keys never chose {radio}");
    }

    private static async Task<Focus> FocusAsync(IPage page, string selector) =>
        JsonSerializer.Deserialize<Focus>(await page.EvaluateAsync<string>(Focused, selector), JsonOptions)!;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record Focus(bool Matches, bool Indicated, string Description);
}
