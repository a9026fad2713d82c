using System.Buffers.Binary;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkSaaS.Seeds;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Browser;

/// <summary>
/// The screenshots of docs/user-guide.*.md and docs/admin-guide.*.md, taken from the demo companies that `dotnet run`
/// seeds (Northwind Traders in English, さくら商事 in Japanese) at 1280×800. Each page is checked to show the demo data
/// before it is captured. A normal run writes to a temporary folder; `docs/screenshots` sets
/// NETWORKSAAS_SCREENSHOTS_DIR to docs/images so the guides' images are regenerated from the current pages.
/// </summary>
public sealed class DocumentationScreenshots(PostgresCluster cluster) : BrowserTest(cluster)
{
    public const string TargetVariable = "NETWORKSAAS_SCREENSHOTS_DIR";
    private const int Width = 1280;
    private const int Height = 800;
    private const string Id = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static readonly string[] Pages =
    [
        "home", "my-network", "contact-details", "contact-add", "import", "discover", "introduction-new", "introductions", "introduction-details",
        "asks", "greetings", "notification-settings", "handover", "reports", "exports", "privacy-requests", "admin-users",
        "settings", "sso", "audit",
    ];

    [Fact]
    public async Task The_guides_screenshots_show_the_demo_companies_in_English_and_Japanese()
    {
        await StartAsync();
        await new DemoSeeder(App.Services.GetRequiredService<IServiceScopeFactory>(), "Development").SeedAsync();
        var target = Environment.GetEnvironmentVariable(TargetVariable);
        var folder = string.IsNullOrEmpty(target)
            ? Path.Combine(Path.GetTempPath(), $"networksaas-screenshots-{Guid.NewGuid():N}")
            : Path.GetFullPath(target);
        Directory.CreateDirectory(folder);
        try
        {
            await CaptureAsync(DemoTenants.Northwind, "en", folder);
            await CaptureAsync(DemoTenants.Sakura, "ja", folder);

            foreach (var language in new[] { "en", "ja" })
            {
                foreach (var name in Pages)
                {
                    var (width, height) = PngSize(Path.Combine(folder, $"{name}.{language}.png"));
                    Assert.True((width, height) == (Width, Height), $"{name}.{language}.png is {width}×{height}");
                }
            }

            Assert.True(CspViolations.Count == 0, string.Join("\n", CspViolations));
        }
        finally
        {
            if (string.IsNullOrEmpty(target))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private async Task CaptureAsync(DemoTenant demo, string language, string folder)
    {
        var slug = demo.Slug;
        var employee = Person(demo, "employee");
        var page = await SignInAsync(demo, employee, language);
        async Task Shot(string name) =>
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.{language}.png"), Animations = ScreenshotAnimations.Disabled });

        await page.GotoAsync($"/{slug}/");
        Assert.Contains(employee.DisplayName, await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Shot("home");

        // My network lists the employee's own demo contacts (the seeds' deterministic network for this person).
        var network = DemoNetworks.For(demo, demo.People.ToList().IndexOf(employee), DateOnly.FromDateTime(DateTime.UtcNow)).ToList();
        await page.GotoAsync($"/{slug}/contacts");
        var (contactPath, contactName) = await FirstLinkAsync(page, $"^/{slug}/contacts/{Id}$");
        Assert.Contains(network, c => contactName.Contains(c.FamilyName, StringComparison.Ordinal) && contactName.Contains(c.GivenName, StringComparison.Ordinal));
        await Shot("my-network");

        await page.GotoAsync(contactPath);
        Assert.Equal(contactName, await page.InnerTextAsync("#contact-name"));
        await Shot("contact-details");

        await page.GotoAsync($"/{slug}/contacts/new");
        Assert.Equal(1, await page.Locator("main form input[name='FamilyName'], main form input[name$='.FamilyName']").CountAsync());
        await Shot("contact-add");

        await page.GotoAsync($"/{slug}/contacts/import");
        Assert.Equal(1, await page.Locator("#import-upload input[type=file]").CountAsync());
        await Shot("import");

        // Discover finds colleagues' relationships at a demo company; the first result offers an introduction.
        var company = language == "ja" ? "トヨタ" : "Acme";
        await page.GotoAsync($"/{slug}/discover?company={Uri.EscapeDataString(company)}");
        var (askPath, _) = await FirstLinkAsync(page, $"^/{slug}/introductions/new\\?contact={Id}$");
        Assert.Contains(company, await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Shot("discover");

        await page.GotoAsync(askPath);
        Assert.Equal(1, await page.Locator("#introduction-form").CountAsync());
        await Shot("introduction-new");

        await page.GotoAsync($"/{slug}/introductions?view=AskedOfMe");
        var (requestPath, target) = await FirstLinkAsync(page, $"^/{slug}/introductions/{Id}$");
        await Shot("introductions");

        await page.GotoAsync(requestPath);
        Assert.Contains(target, await page.InnerTextAsync("main h1"), StringComparison.Ordinal);
        await Shot("introduction-details");

        await page.GotoAsync($"/{slug}/asks");
        await FirstLinkAsync(page, $"^/{slug}/asks/{Id}$");
        await Shot("asks");

        await page.GotoAsync($"/{slug}/notifications/settings");
        Assert.Equal(1, await page.Locator("main form").CountAsync());
        await Shot("notification-settings");

        await page.GotoAsync($"/{slug}/account/handover");
        Assert.Equal(1, await page.Locator("main h1").CountAsync());
        await Shot("handover");
        await page.Context.CloseAsync();

        // 年賀状 is a Japanese custom: Northwind has the campaigns off, so both languages show さくら商事's list.
        var sakura = DemoTenants.Sakura;
        page = await SignInAsync(sakura, Person(sakura, "employee"), language);
        await page.GotoAsync($"/{sakura.Slug}/campaigns/new-year");
        Assert.Equal(1, await page.Locator("#campaign-title").CountAsync());
        Assert.Equal(0, await page.Locator("#campaign-off").CountAsync());
        await Shot("greetings");
        await page.Context.CloseAsync();

        // A manager's reports: the charts are drawn from the demo introductions.
        page = await SignInAsync(demo, Person(demo, "manager"), language);
        await page.GotoAsync($"/{slug}/reports");
        await page.WaitForSelectorAsync("canvas[data-drawn=true]");
        Assert.NotEqual("0", (await page.InnerTextAsync("#total-requested")).Trim());
        await Shot("reports");
        await page.Context.CloseAsync();

        var hr = Person(demo, "hr");
        page = await SignInAsync(demo, hr, language);
        await page.GotoAsync($"/{slug}/exports");
        Assert.True(await page.Locator("main form").CountAsync() > 1, "HR sees the export forms");
        Assert.Contains(demo.Departments[1], await page.TextContentAsync("main") ?? "", StringComparison.Ordinal);
        await Shot("exports");

        await page.GotoAsync($"/{slug}/privacy/requests");
        Assert.Equal(1, await page.Locator("main h1").CountAsync());
        await Shot("privacy-requests");
        await page.Context.CloseAsync();

        page = await SignInAsync(demo, Person(demo, "admin"), language);
        await page.GotoAsync($"/{slug}/admin");
        var users = await page.InnerTextAsync("main");
        Assert.All(demo.People, person => Assert.Contains(person.DisplayName, users, StringComparison.Ordinal));
        await Shot("admin-users");

        await page.GotoAsync($"/{slug}/admin/settings");
        Assert.Contains(demo.Departments[0], await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await Shot("settings");

        await page.GotoAsync($"/{slug}/admin/sso");
        Assert.Equal(1, await page.Locator("main h1").CountAsync());
        await Shot("sso");

        await page.GotoAsync($"/{slug}/admin/audit");
        Assert.True(await page.Locator("main table tbody tr").CountAsync() > 0, "the audit log is empty");
        await Shot("audit");
        await page.Context.CloseAsync();
    }

    /// <summary>The first visible link in the page's main content whose href matches: its href and text.</summary>
    private static async Task<(string Href, string Text)> FirstLinkAsync(IPage page, string hrefPattern)
    {
        var link = await page.EvaluateAsync<string[]?>(
            """
            pattern => {
                const re = new RegExp(pattern);
                const a = [...document.querySelectorAll('main a')].find(a => re.test(a.getAttribute('href') || '') && a.getClientRects().length > 0);
                return a ? [a.getAttribute('href'), a.innerText.trim()] : null;
            }
            """,
            hrefPattern);
        return link is [var href, var text] ? (href, text) : throw new InvalidOperationException($"{page.Url} has no link matching {hrefPattern}");
    }

    private static DemoPerson Person(DemoTenant demo, string role) =>
        demo.People.Single(p => p.Email == $"{role}@{demo.Slug}.example");

    /// <summary>A 1280×800 window in the given language (the language switcher's cookie), signed in through the login form.</summary>
    private async Task<IPage> SignInAsync(DemoTenant demo, DemoPerson person, string language)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = language == "ja" ? "ja-JP" : "en-GB",
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = Width, Height = Height },
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(BrowserTest.PageTimeout);
        await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = BaseUrl }]);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                CspViolations.Add(message.Text);
            }
        };
        await page.GotoAsync($"/{demo.Slug}/account/login");
        await page.FillAsync("#Input_Email", person.Email);
        await page.FillAsync("#Input_Password", DemoSeeder.DemoPassword);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync($"{BaseUrl}/{demo.Slug}/");
        return page;
    }

    /// <summary>Width and height from a PNG's IHDR chunk; fails unless the file is a PNG.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        var bytes = File.ReadAllBytes(path);
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(bytes.Length > 10_000 && bytes.AsSpan(0, 8).SequenceEqual(signature) && bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8), $"{path} is not a PNG image");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}
