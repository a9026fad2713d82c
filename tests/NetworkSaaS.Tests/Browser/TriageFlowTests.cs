using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Tests.Contacts;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Browser;

public sealed class TriageFlowTests(PostgresCluster cluster) : BrowserTest(cluster)
{
    [Fact]
    public async Task An_employee_imports_a_file_triages_it_with_the_keyboard_and_a_colleague_discovers_what_was_shared()
    {
        await StartAsync();
        var (tenant, admin) = await App.CreateTenantAsync("kumo", culture: "ja");
        var colleague = await App.CreateUserAsync(tenant, "colleague@kumo.test");
        var page = await SignInAsync("kumo", admin.Email!);

        var file = Path.Combine(Path.GetTempPath(), $"triage-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(file, BulkTriageTests.Csv([.. Enumerable.Range(1, 22).Select(i => ($"Family{i:00}", "Given", "Hoshizora Logistics"))]));
        try
        {
            await page.GotoAsync("/kumo/contacts/import");
            await page.SetInputFilesAsync("#file", file);
            await page.ClickAsync("#import-upload button[type=submit]");
            await page.WaitForSelectorAsync("#import-plan");
            await page.ClickAsync("#start-import");
            await page.WaitForSelectorAsync("#import-result");
        }
        finally
        {
            File.Delete(file);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "整理待ち", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync($"{BaseUrl}/kumo/contacts/review");
        Assert.True(await page.Locator("tr[data-review-row]").CountAsync() == 22, await page.ContentAsync());

        // No mouse from here: j/k move, 1-5 set the depth, p/d/s decide the visibility and move on.
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("k");
        for (var i = 0; i < 22; i++)
        {
            if (i < 10)
            {
                await page.Keyboard.PressAsync("4");
                await page.Keyboard.PressAsync("d");
            }
            else if (i < 20)
            {
                await page.Keyboard.PressAsync("3");
                await page.Keyboard.PressAsync("s");
            }
            else
            {
                await page.Keyboard.PressAsync("p");
            }
        }

        // Each key's request is answered in order; a row is marked when its visibility is saved.
        await page.Locator("tr[data-reviewed]").Nth(21).WaitForAsync();
        await ScreenshotAsync(page, "review-keyboard-ja");
        var contacts = await App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.AsNoTracking().OrderBy(c => c.SortKey).ToListAsync());
        Assert.All(contacts.Take(10), c => Assert.Equal((4, ContactVisibility.Discoverable, false), (c.Depth, c.Visibility, c.ReviewPending)));
        Assert.All(contacts.Skip(10).Take(10), c => Assert.Equal((3, ContactVisibility.Shared, false), (c.Depth, c.Visibility, c.ReviewPending)));
        Assert.All(contacts.Skip(20), c => Assert.Equal((1, ContactVisibility.Private, false), (c.Depth, c.Visibility, c.ReviewPending)));
        await page.ReloadAsync();
        Assert.Equal(0, await page.Locator("tr[data-review-row]").CountAsync());

        var colleaguePage = await SignInAsync("kumo", colleague.Email!);
        await colleaguePage.GotoAsync("/kumo/discover?company=Hoshizora");
        await colleaguePage.WaitForSelectorAsync("#discover-results");
        Assert.Equal(20, await colleaguePage.Locator("#discover-results li.discover-hit").CountAsync());
        var results = await colleaguePage.InnerTextAsync("#discover-results");
        Assert.Contains("Given Family11", results, StringComparison.Ordinal); // Shared: named
        Assert.DoesNotContain("Given Family01", results, StringComparison.Ordinal); // Discoverable: not named
        Assert.DoesNotContain("Family21", results, StringComparison.Ordinal); // Private: absent
        await ScreenshotAsync(colleaguePage, "discover-after-triage-ja");
        Assert.Empty(CspViolations);
    }
}
