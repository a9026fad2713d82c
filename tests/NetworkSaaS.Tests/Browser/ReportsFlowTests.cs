using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Tests.Reports;

namespace NetworkSaaS.Tests.Browser;

public sealed class ReportsFlowTests(PostgresCluster cluster) : BrowserTest(cluster)
{
    private readonly SettableClock _clock = new(ReportDataset.Now);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    [Fact]
    public async Task A_manager_opens_the_sources_report_from_the_menu_and_the_charts_are_drawn()
    {
        await StartAsync();
        var data = await ReportDataset.SeedAsync(App, "orbit");
        var page = await SignInAsync("orbit", data.Manager.Email!);

        await page.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"{BaseUrl}/orbit/reports");
        Assert.Equal("FY2026 (April 2026 – March 2027)", await page.InnerTextAsync("#report-period"));
        Assert.Equal("6", await page.InnerTextAsync("#total-requested"));

        // Every chart was drawn by the vendored Chart.js from its data attribute, with ink on the canvas.
        await page.WaitForSelectorAsync("#by-channel canvas[data-drawn=true]");
        var charts = await page.EvaluateAsync<int[]>("""
            () => Array.from(document.querySelectorAll('canvas[data-chart]')).map(canvas => {
                if (!window.Chart.getChart(canvas)) return -1;
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let ink = 0;
                for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) ink++;
                return ink;
            })
            """);
        Assert.Equal(4, charts.Length);
        Assert.All(charts, ink => Assert.True(ink > 1000, $"a chart has {ink} painted pixels"));
        var legend = await page.EvaluateAsync<string[]>("() => window.Chart.getChart(document.querySelector('#by-channel canvas')).data.datasets.map(d => d.label)");
        Assert.Equal(["Introductions requested", "Introduced", "Won, hired or engaged"], legend);
        await ScreenshotAsync(page, "reports-sources-en");

        // The filter form keeps the choice in the address; the funnel tab carries it along.
        await page.SelectOptionAsync("#purpose", "SalesLead");
        await page.ClickAsync("#report-filter button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("purpose=SalesLead", StringComparison.Ordinal));
        Assert.Equal("4", await page.InnerTextAsync("#total-requested"));
        await page.ClickAsync("#report-tabs a[href*='/reports/funnel']");
        await page.WaitForSelectorAsync("#funnel canvas[data-drawn=true]");
        Assert.Contains("purpose=SalesLead", page.Url, StringComparison.Ordinal);
        await ScreenshotAsync(page, "reports-funnel-en");

        await page.ClickAsync("#report-tabs a[href*='/reports/health']");
        await page.WaitForSelectorAsync("#coverage canvas[data-drawn=true]");
        Assert.Equal("3", await page.InnerTextAsync("#total-contacts-added"));
        await ScreenshotAsync(page, "reports-health-en");
        Assert.True(CspViolations.Count == 0, string.Join("\n", CspViolations));
    }
}
