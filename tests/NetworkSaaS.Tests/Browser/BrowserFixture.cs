using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port and Debian's Chromium driven by Playwright (no downloaded browser).
/// </summary>
public abstract class BrowserTest(PostgresCluster cluster) : IntegrationTest(cluster)
{
    /// <summary>
    /// How long an action or navigation may take. Browser classes start first and run beside each other on 2 cores; an
    /// SSO round trip to the test provider once took over 20 s there.
    /// </summary>
    public const float PageTimeout = 60_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected string BaseUrl { get; private set; } = "";
    protected IBrowser Browser => _browser!;

    protected override bool ListensOnRealPort => true;

    protected async Task StartAsync()
    {
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Console messages about Content-Security-Policy violations seen by any page (each test asserts none).</summary>
    protected List<string> CspViolations { get; } = [];

    protected async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ja-JP", BaseURL = BaseUrl });
        context.SetDefaultTimeout(BrowserTest.PageTimeout);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                CspViolations.Add(message.Text);
            }
        };
        return page;
    }

    /// <summary>A new page signed in through the login form, on the company's home page.</summary>
    protected async Task<IPage> SignInAsync(string slug, string email)
    {
        var page = await NewPageAsync();
        await page.GotoAsync($"/{slug}/account/login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", TestApp.Password);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync($"{BaseUrl}/{slug}/");
        return page;
    }

    /// <summary>Opens the header's account menu (profile, language, sign-out) as a person does, with a click on its summary.</summary>
    protected static async Task OpenAccountMenuAsync(IPage page)
    {
        if (!await page.EvalOnSelectorAsync<bool>("#account-menu", "menu => menu.open"))
        {
            await page.ClickAsync("#account-menu-button");
        }
    }

    /// <summary>Signs out through the account menu.</summary>
    protected static async Task SignOutAsync(IPage page)
    {
        await OpenAccountMenuAsync(page);
        await page.ClickAsync("#account-menu form[action$='/account/logout'] button");
    }

    /// <summary>Switches the language through the account menu when signed in, or the header's switcher on a public page.</summary>
    protected static async Task SwitchLanguageAsync(IPage page, string culture)
    {
        if (await page.Locator("#account-menu").CountAsync() > 0)
        {
            await OpenAccountMenuAsync(page);
        }

        await page.ClickAsync($"#language-switcher button[value={culture}]");
        await page.WaitForSelectorAsync($"html[lang={culture}]");
    }

    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    private static string ChromiumPath() =>
        new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/lib/chromium/chromium", "/usr/bin/chromium" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p))
        ?? throw new InvalidOperationException("Chromium is not installed: `apt-get install -y chromium` (the CI script does it).");

    public override async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
