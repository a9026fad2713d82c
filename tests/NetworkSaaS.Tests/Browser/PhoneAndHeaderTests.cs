using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Browser;

/// <summary>The header at desktop widths in both languages, every main page on a 360-pixel phone, and the quick add.</summary>
public sealed class PhoneAndHeaderTests(PostgresCluster cluster) : BrowserTest(cluster)
{
    private const string NavLabelLines = """
        () => [...document.querySelectorAll('.site-nav .nav-link, #account-menu-button')].map(e => {
            const box = e.getBoundingClientRect();
            const style = getComputedStyle(e);
            const content = box.height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth);
            return { Text: e.textContent.trim().replace(/\s+/g, ' '), Lines: Math.round(content / parseFloat(style.lineHeight)), Top: Math.round(box.top), Width: box.width };
        })
        """;

    /// <summary>The page's width beyond the viewport, with the elements that stick out (empty when nothing does).</summary>
    private const string SidewaysOverflow = """
        () => {
            // The layout viewport (innerWidth less any scrollbar): stricter than innerWidth on a desktop-style window.
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return '';
            const culprits = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(-5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' right=' + Math.round(e.getBoundingClientRect().right));
            return 'scrollWidth ' + document.documentElement.scrollWidth + ' > ' + width + ': ' + culprits.join(', ');
        }
        """;

    private sealed class NavLabel
    {
        public string Text { get; set; } = "";
        public int Lines { get; set; }
        public int Top { get; set; }
        public double Width { get; set; }

        public override string ToString() => $"{Text} (lines {Lines}, top {Top}, width {Width})";
    }

    [Fact]
    public async Task The_header_fits_at_1280_and_1024_pixels_in_japanese_and_english_marks_the_page_and_its_account_menu_works_with_the_keyboard()
    {
        await StartAsync();
        var (_, admin) = await App.CreateTenantAsync("minato-bussan", culture: "ja");
        var page = await SignInAsync("minato-bussan", admin.Email!);

        foreach (var culture in new[] { "ja", "en" })
        {
            if (culture == "en")
            {
                await SwitchLanguageAsync(page, "en");
            }

            foreach (var width in new[] { 1280, 1024 })
            {
                await page.SetViewportSizeAsync(width, 800);
                await page.GotoAsync("/minato-bussan/contacts");
                var labels = await page.EvaluateAsync<NavLabel[]>(NavLabelLines);
                Assert.True(labels.Length >= 9, $"{culture} {width}: {labels.Length} header items");
                var wrapped = labels.Where(l => l.Lines != 1 || l.Width == 0).ToList();
                Assert.True(wrapped.Count == 0, $"{culture} {width}px, broken or hidden: " + string.Join(", ", wrapped));
                // One row: the links and the account menu (a few pixels shorter, centred) start within a line of each other.
                Assert.True(labels.Max(l => l.Top) - labels.Min(l => l.Top) < 16, $"{culture} {width}px, more than one row: " + string.Join(", ", labels));
                Assert.Equal("", await page.EvaluateAsync<string>(SidewaysOverflow));

                var current = await page.Locator(".site-nav [aria-current=page]").AllAsync();
                Assert.Single(current);
                Assert.Equal("/minato-bussan/contacts", await current[0].GetAttributeAsync("href"));
            }
        }

        await ScreenshotAsync(page, "header-1024-en");

        // Keyboard only: Tab from the last link reaches the account menu; Enter opens it, Escape closes it and keeps focus.
        await page.FocusAsync("#nav-exports");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("account-menu-button", await page.EvaluateAsync<string>("document.activeElement.id"));
        Assert.Contains("minato-bussan Admin", await page.InnerTextAsync("#account-menu-button"), StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Enter");
        Assert.True(await page.EvalOnSelectorAsync<bool>("#account-menu", "menu => menu.open"));
        Assert.True(await page.IsVisibleAsync("#account-menu form[action='/minato-bussan/account/logout'] button"));
        Assert.True(await page.IsVisibleAsync("#language-switcher"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("My profile", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Escape");
        Assert.False(await page.EvalOnSelectorAsync<bool>("#account-menu", "menu => menu.open"));
        Assert.Equal("account-menu-button", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.EvalOnSelectorAsync<bool>("#account-menu", "menu => menu.open"));
        await page.ClickAsync("h1");
        Assert.False(await page.EvalOnSelectorAsync<bool>("#account-menu", "menu => menu.open"));

        // Pages of the account menu mark the menu and their own item.
        await page.GotoAsync("/minato-bussan/admin");
        Assert.Equal(0, await page.Locator(".site-nav [aria-current=page]").CountAsync());
        Assert.Contains("current", await page.GetAttributeAsync("#account-menu-button", "class") ?? "", StringComparison.Ordinal);
        Assert.Equal("page", await page.GetAttributeAsync("#nav-admin", "aria-current"));
        Assert.True(CspViolations.Count == 0, string.Join("\n", CspViolations));
    }

    [Fact]
    public async Task Every_main_page_fits_a_360_pixel_phone_for_each_role_and_my_network_shows_cards()
    {
        await StartAsync();
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var employee = await App.CreateUserAsync(tenant, "employee@acme.test");
        var manager = await App.CreateUserAsync(tenant, "manager@acme.test", Roles.Manager);
        await App.InTenantAsync(tenant, async sp =>
        {
            // A manager's reports cover their department.
            var db = sp.GetRequiredService<AppDbContext>();
            var sales = new Department { Name = "Sales" };
            db.Departments.Add(sales);
            (await db.Users.SingleAsync(u => u.Id == manager.Id)).DepartmentId = sales.Id;
            return await db.SaveChangesAsync();
        });
        var hr = await App.CreateUserAsync(tenant, "hr@acme.test", Roles.HR);
        var executive = await App.CreateUserAsync(tenant, "executive@acme.test", Roles.Executive);
        var own = await App.CreateContactAsync(tenant, employee.Id, "Wolfeschlegelsteinhausen", "Hubert Blaine", "International Business Machines Corporation of Greater Tokyo",
            email: "hubert.wolfeschlegelsteinhausen.of.the.procurement.department@international-business-machines.example", title: "Senior Vice President of Global Strategic Procurement", depth: 4);
        for (var i = 0; i < 3; i++)
        {
            await App.CreateContactAsync(tenant, employee.Id, $"Contact{i}", "Example", $"Company {i}", depth: 2);
        }

        await App.CreateContactAsync(tenant, manager.Id, "Nakamura", "Yui", "Hikari Logistics Co., Ltd.", ContactVisibility.Discoverable,
            email: "yui.nakamura@hikari.example", title: "Head of Procurement", depth: 4);

        // The employee asks for an introduction on the phone, so the introductions list has a row.
        var phone = await PhoneSignInAsync("acme", employee.Email!);
        await phone.GotoAsync("/acme/discover?company=hikari");
        await phone.WaitForSelectorAsync("#discover-results li");
        Assert.Equal("", await phone.EvaluateAsync<string>(SidewaysOverflow));
        await phone.GetByRole(AriaRole.Link, new() { Name = "Ask for an introduction" }).ClickAsync();
        await phone.CheckAsync("#purpose-SalesLead");
        await phone.FillAsync("#Reason", "Their new warehouse could use our routing software.");
        await phone.ClickAsync("#introduction-form button[type=submit]");
        await phone.WaitForSelectorAsync("#introduction-state");

        await phone.GotoAsync("/acme/contacts");
        var cards = await phone.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#contacts tbody tr')].map(r => getComputedStyle(r).display)");
        Assert.Equal(4, cards.Length);
        Assert.All(cards, display => Assert.Equal("block", display));
        Assert.True(await phone.EvaluateAsync<double>("() => document.querySelector('#contacts thead').getBoundingClientRect().height") <= 1, "the column headers are hidden");
        Assert.True(await phone.IsVisibleAsync("#contacts tbody tr td[data-label]"));
        await ScreenshotAsync(phone, "my-network-phone");
        await phone.GotoAsync("/acme/introductions");
        Assert.Equal("block", await phone.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#introductions tbody tr')).display"));

        // The collapsed navigation opens with the keyboard.
        await phone.FocusAsync(".navbar-toggler");
        await phone.Keyboard.PressAsync("Enter");
        await phone.WaitForSelectorAsync("#main-nav.show");
        Assert.True(await phone.GetByRole(AriaRole.Link, new() { Name = "My network", Exact = true }).IsVisibleAsync());
        Assert.Equal("true", await phone.GetAttributeAsync(".navbar-toggler", "aria-expanded"));

        string[] everyone = ["", "contacts", "contacts/quick", "contacts/new", "contacts/import", "discover?company=hikari", "introductions", "asks", "asks/new",
            "notifications", "notifications/settings", "exports", "account/profile", "account/security"];
        string[] reports = ["reports", "reports/funnel", "reports/health"];
        string[] admins = ["admin", "admin/audit", "admin/settings", $"admin/users/{employee.Id}", "admin/sso", "privacy/requests"];
        var visits = new (string Email, string[] Paths)[]
        {
            (employee.Email!, [.. everyone, $"contacts/{own.Id}", $"contacts/{own.Id}/edit"]),
            (manager.Email!, [.. everyone, .. reports]),
            (executive.Email!, [.. everyone, .. reports]),
            (hr.Email!, [.. everyone, "privacy/requests"]),
            (admin.Email!, [.. everyone, .. reports, .. admins]),
        };
        var overflowing = new List<string>();
        foreach (var (email, paths) in visits)
        {
            var page = email == employee.Email ? phone : await PhoneSignInAsync("acme", email);
            foreach (var path in paths)
            {
                var response = await page.GotoAsync($"/acme/{path}");
                if (!response!.Ok)
                {
                    overflowing.Add($"{email} /acme/{path}: HTTP {response.Status}");
                    continue;
                }

                var overflow = await page.EvaluateAsync<string>(SidewaysOverflow);
                if (overflow.Length > 0)
                {
                    overflowing.Add($"{email} /acme/{path}: {overflow}");
                }
            }
        }

        Assert.True(overflowing.Count == 0, string.Join("\n", overflowing));
        Assert.True(CspViolations.Count == 0, string.Join("\n", CspViolations));
    }

    [Fact]
    public async Task Quick_add_on_a_phone_takes_a_few_fields_and_remembers_the_event_for_the_next_person()
    {
        await StartAsync();
        var (_, admin) = await App.CreateTenantAsync("kumo", culture: "ja");
        var page = await PhoneSignInAsync("kumo", admin.Email!);
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, tokyo).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // One tap from any page on the phone: the header's button.
        await page.ClickAsync("#quick-add-header");
        await page.WaitForURLAsync($"{BaseUrl}/kumo/contacts/quick");
        Assert.Equal(today, await page.InputValueAsync("#Input_MetOn"));
        Assert.Equal("ExchangeEvent", await page.InputValueAsync("#Input_Channel"));
        Assert.Equal("", await page.InputValueAsync("#Input_MetAt"));
        Assert.Equal("", await page.EvaluateAsync<string>(SidewaysOverflow));

        await page.ClickAsync("#quick-add-form button[type=submit]");
        await page.GetByText("姓または名の少なくとも一方を入力してください。").First.WaitForAsync();
        Assert.Equal(today, await page.InputValueAsync("#Input_MetOn"));

        await page.FillAsync("#Input_FamilyName", "高橋");
        await page.FillAsync("#Input_GivenName", "健太");
        await page.FillAsync("#Input_CompanyName", "株式会社ブルーオーシャン");
        await page.FillAsync("#Input_MetAt", "東京ビジネス交流会");
        await page.SelectOptionAsync("#Input_Depth", "2");
        await page.FillAsync("#Input_Notes", "来月デモの約束");
        await page.ClickAsync("#quick-add-form button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/kumo/contacts/quick?added=", StringComparison.Ordinal));
        var firstUrl = page.Url;
        Assert.Contains("高橋 健太さんをマイ人脈に追加しました。", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal("東京ビジネス交流会", await page.InputValueAsync("#Input_MetAt"));
        Assert.Equal("", await page.InputValueAsync("#Input_FamilyName"));

        // The next person at the same event: only the name.
        await page.FillAsync("#Input_FamilyName", "青木");
        await page.FillAsync("#Input_GivenName", "花子");
        await page.ClickAsync("#quick-add-form button[type=submit]");
        await page.WaitForURLAsync(url => url != firstUrl && url.Contains("/kumo/contacts/quick?added=", StringComparison.Ordinal));
        Assert.Equal("東京ビジネス交流会", await page.InputValueAsync("#Input_MetAt"));
        await ScreenshotAsync(page, "quick-add-phone-ja");

        // Everything else later: the link opens the full form of the person just added.
        await page.ClickAsync("#quick-added a");
        await page.WaitForSelectorAsync("#Input_Emails");
        Assert.Equal("青木", await page.InputValueAsync("#Input_FamilyName"));
        Assert.Equal("東京ビジネス交流会", await page.InputValueAsync("#Input_MetAt"));

        await page.GotoAsync("/kumo/contacts");
        var list = await page.InnerTextAsync("#contacts");
        Assert.Contains("高橋 健太", list, StringComparison.Ordinal);
        Assert.Contains("青木 花子", list, StringComparison.Ordinal);
        Assert.True(await page.IsVisibleAsync("#quick-add"));
        Assert.Equal("", await page.EvaluateAsync<string>(SidewaysOverflow));
        Assert.True(CspViolations.Count == 0, string.Join("\n", CspViolations));
    }

    /// <summary>A phone-sized page (360×740, touch) signed in through the login form.</summary>
    private async Task<IPage> PhoneSignInAsync(string slug, string email)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "ja-JP", BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true,
        });
        context.SetDefaultTimeout(BrowserTest.PageTimeout);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                CspViolations.Add(message.Text);
            }
        };
        await page.GotoAsync($"/{slug}/account/login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", TestApp.Password);
        await page.ClickAsync("form button[type=submit].btn-primary");
        await page.WaitForURLAsync($"{BaseUrl}/{slug}/");
        return page;
    }
}
