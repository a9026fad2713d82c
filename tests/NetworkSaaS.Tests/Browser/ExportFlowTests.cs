using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Tests.Exports;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Browser;

/// <summary>HR asks for the review workbook in the browser; the real Hangfire worker of the app makes it; HR downloads it.</summary>
public sealed class ExportFlowTests(PostgresCluster cluster) : BrowserTest(cluster)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["role"] = "all" };

    [Fact]
    public async Task Hr_requests_the_review_workbook_waits_for_the_worker_and_downloads_it()
    {
        await StartAsync();
        var (tenant, _) = await App.CreateTenantAsync("orbit");
        var hr = await App.CreateUserAsync(tenant, "hana@orbit.test", Roles.HR);
        var sales = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var department = new Department { Name = "Sales" };
            db.Departments.Add(department);
            await db.SaveChangesAsync();
            return department.Id;
        });
        await App.CreateContactAsync(tenant, hr.Id, "Nakamura", "Yui", "Hikari Logistics", ContactVisibility.Shared);

        var page = await SignInAsync("orbit", hr.Email!);

        await page.GetByRole(AriaRole.Link, new() { Name = "Exports", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("#hr-review-form");
        await page.FillAsync("#review-from", "2026-01-01");
        await page.FillAsync("#review-to", "2026-12-31");
        await page.SelectOptionAsync("#review-department", sales.ToString());
        await page.UncheckAsync("#column-email");
        await page.ClickAsync("#hr-review-form button[type=submit]");
        await page.WaitForSelectorAsync("#exports");
        Assert.Contains("HR review workbook", await page.InnerTextAsync("#exports"), StringComparison.Ordinal);

        // The page refreshes itself while the export is queued or running; the worker picks the job up within seconds.
        await page.WaitForSelectorAsync(".export-download", new() { Timeout = 90_000 });
        Assert.Contains("2026-01-01 – 2026-12-31 · Sales", await page.InnerTextAsync("#exports"), StringComparison.Ordinal);
        await ScreenshotAsync(page, "exports-ready-en");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(".export-download"));
        Assert.Equal("networksaas-hr-review-20260101-20261231.xlsx", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"networksaas-download-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            var xlsx = await File.ReadAllBytesAsync(path);
            Assert.Empty(Spreadsheets.ValidationErrors(xlsx));
            using var workbook = Spreadsheets.Open(xlsx);
            Assert.Equal(["Summary", "Introductions", "About this export"], workbook.Worksheets.Select(s => s.Name));
            var header = workbook.Worksheet("Summary").Row(1).CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Equal(["Employee", "Department", "Title"], header.Take(3));
            Assert.DoesNotContain("Email", header);
        }
        finally
        {
            File.Delete(path);
        }

        await page.GotoAsync("/orbit/notifications");
        Assert.Contains("Your export is ready to download.", await page.InnerTextAsync("#notifications"), StringComparison.Ordinal);
        Assert.Empty(CspViolations);
    }
}
