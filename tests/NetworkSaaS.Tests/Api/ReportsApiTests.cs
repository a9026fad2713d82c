using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Api;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Tests.Reports;

namespace NetworkSaaS.Tests.Api;

/// <summary>
/// /api/v1/reports against the report pages on the same data (<see cref="ReportDataset"/>, seeded in "acme" and again in
/// "other", so a figure leaking across companies would show doubled): the JSON holds what the page shows.
/// </summary>
public sealed class ReportsApiTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private const string Reports = "/acme/api/v1/reports";
    private readonly SettableClock _clock = new(ReportDataset.Now);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private async Task<ReportDataset> SeedBothAsync()
    {
        var acme = await ReportDataset.SeedAsync(App, "acme");
        await ReportDataset.SeedAsync(App, "other");
        return acme;
    }

    private static string[] Funnel(JsonNode? figures) =>
        [.. new[] { "requested", "accepted", "introduced", "succeeded" }.Select(k => ((int)figures![k]!).ToString("N0", CultureInfo.GetCultureInfo("en")))];

    [Fact]
    public async Task Sources_funnel_and_health_hold_the_figures_the_pages_show_for_an_executive()
    {
        var data = await SeedBothAsync();
        var page = await App.SignInAsync("acme", data.Executive.Email!);
        var api = await FlowsApi.PersonalAsync(App, data.Tenant, data.Executive.Id, ApiScopes.Read);

        var html = await page.GetStringAsync("/acme/reports?period=FY2026");
        var sources = await FlowsApi.GetAsync(api, $"{Reports}/sources?period=FY2026");
        Assert.Equal(("FY2026", true), ((string?)sources["report"]!["period"], (bool)sources["report"]!["wholeCompany"]!));
        Assert.Equal([ReportHtml.Text(html, "total-requested"), ReportHtml.Text(html, "total-accepted"), ReportHtml.Text(html, "total-introduced"),
            ReportHtml.Text(html, "total-succeeded")], Funnel(sources["total"]));
        Assert.Equal(["8", "6", "6", "5"], Funnel(sources["total"]));
        var byPurpose = ReportHtml.Table(html, "id=\"by-purpose\"");
        var purposeLabels = new Dictionary<string, string> { ["salesLead"] = "Sales lead", ["referralHire"] = "Referral hire", ["advisor"] = "Advisor or mentor" };
        Assert.Equal(byPurpose.Count, sources["byPurpose"]!.AsArray().Count);
        foreach (var line in sources["byPurpose"]!.AsArray())
        {
            Assert.Equal(byPurpose[purposeLabels[(string)line!["purpose"]!]], Funnel(line["figures"]));
        }

        var byDepartment = ReportHtml.Table(html, "id=\"by-department\"");
        Assert.Equal(byDepartment.ToDictionary(d => d.Key, d => d.Value),
            sources["byDepartment"]!.AsArray().ToDictionary(d => (string)d!["departmentName"]!, d => Funnel(d!["figures"])));
        var byEmployee = ReportHtml.Table(html, "id=\"by-employee\"");
        Assert.Equal(byEmployee.Keys.ToArray(), FlowsApi.Strings(sources["byConnector"], "name"));
        Assert.Equal(byEmployee["sales.a"], Funnel(sources["byConnector"]![0]!["figures"]));
        var overTime = ReportHtml.Table(html, "id=\"over-time\"");
        Assert.Equal(overTime.Values.ToArray(), sources["overTime"]!.AsArray().Select(o => Funnel(o!["figures"])).ToArray());
        Assert.Equal("2026-04-01", (string?)sources["overTime"]![0]!["start"]);
        var quarters = await FlowsApi.GetAsync(api, $"{Reports}/sources?period=FY2026&interval=quarter");
        Assert.Equal(ReportHtml.Table(await page.GetStringAsync("/acme/reports?period=FY2026&interval=Quarter"), "id=\"over-time\"").Values.ToArray(),
            quarters["overTime"]!.AsArray().Select(o => Funnel(o!["figures"])).ToArray());

        var funnelHtml = await page.GetStringAsync("/acme/reports/funnel?period=FY2026");
        var funnel = await FlowsApi.GetAsync(api, $"{Reports}/funnel?period=FY2026");
        Assert.Equal(Funnel(sources["total"]), Funnel(funnel["total"]));
        var jpy = funnel["won"]!.AsArray().Where(w => (string?)w!["currency"] == "JPY").ToList();
        Assert.Equal(ReportHtml.Table(funnelHtml, "data-currency=\"JPY\"").Values.Sum(v => int.Parse(v[0], CultureInfo.InvariantCulture)), jpy.Sum(w => (int)w!["won"]!));
        Assert.Equal(3_000_000m, jpy.Sum(w => (decimal)w!["amount"]!));
        var hiresByPosition = ReportHtml.Table(funnelHtml, "id=\"hires-by-position\"");
        var backend = funnel["hiresByPosition"]!.AsArray().Single(h => (string?)h!["title"] == "Backend engineer")!;
        Assert.Equal(hiresByPosition["Backend engineer"], new[] { ((int)backend["referrals"]!).ToString(CultureInfo.InvariantCulture), ((int)backend["hires"]!).ToString(CultureInfo.InvariantCulture) });

        var healthHtml = await page.GetStringAsync("/acme/reports/health?period=FY2026");
        var health = await FlowsApi.GetAsync(api, $"{Reports}/health?period=FY2026");
        Assert.Equal((ReportHtml.Text(healthHtml, "total-contacts-added"), ReportHtml.Text(healthHtml, "total-interactions"), ReportHtml.Text(healthHtml, "total-overdue")),
            (((int)health["total"]!["contactsAdded"]!).ToString(CultureInfo.InvariantCulture), ((int)health["total"]!["interactions"]!).ToString(CultureInfo.InvariantCulture),
                ((int)health["total"]!["overdueToday"]!).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(["Globex", "Initech"], FlowsApi.Strings(health["companies"], "name"));
        Assert.DoesNotContain("Umbrella", health.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(ReportHtml.Table(healthHtml, "id=\"health-by-employee\"").Keys.ToArray(), FlowsApi.Strings(health["byColleague"], "name"));
    }

    [Fact]
    public async Task A_manager_gets_their_department_only_and_employees_hr_and_company_hr_tokens_are_refused()
    {
        var data = await SeedBothAsync();
        var manager = await FlowsApi.PersonalAsync(App, data.Tenant, data.Manager.Id, ApiScopes.Read);
        var page = await App.SignInAsync("acme", data.Manager.Email!);
        foreach (var query in new[] { "?period=FY2026", $"?period=FY2026&department={data.Engineering}" })
        {
            var sources = await FlowsApi.GetAsync(manager, $"{Reports}/sources{query}");
            Assert.Equal(("Sales", false), ((string?)sources["report"]!["departmentName"], (bool)sources["report"]!["wholeCompany"]!));
            Assert.Null(sources["byDepartment"]);
            Assert.Equal(["6", "4", "4", "3"], Funnel(sources["total"]));
            var html = await page.GetStringAsync("/acme/reports" + query);
            Assert.Equal(ReportHtml.Table(html, "id=\"by-employee\"").Keys.ToArray(), FlowsApi.Strings(sources["byConnector"], "name"));
        }

        var executive = await FlowsApi.PersonalAsync(App, data.Tenant, data.Executive.Id, ApiScopes.Read);
        var engineering = await FlowsApi.GetAsync(executive, $"{Reports}/sources?period=FY2026&department={data.Engineering}");
        Assert.Equal("Engineering", (string?)engineering["report"]!["departmentName"]);
        Assert.Equal(["2", "2", "2", "2"], Funnel(engineering["total"]));

        foreach (var refused in new[]
                 {
                     await FlowsApi.PersonalAsync(App, data.Tenant, data.Employee.Id, ApiScopes.Read),
                     await FlowsApi.PersonalAsync(App, data.Tenant, data.Hr.Id, ApiScopes.Read),
                     await FlowsApi.CompanyAsync(App, data.Tenant, Roles.HR, data.Admin.Id),
                     await FlowsApi.PersonalAsync(App, data.Tenant, data.Executive.Id, ApiScopes.Write | ApiScopes.Introductions),
                 })
        {
            foreach (var report in new[] { "sources", "funnel", "health" })
            {
                FlowsApi.Problem(await FlowsApi.GetAsync(refused, $"{Reports}/{report}?period=FY2026", HttpStatusCode.Forbidden), 403);
            }
        }

        var company = await FlowsApi.CompanyAsync(App, data.Tenant, Roles.Admin, data.Admin.Id, ApiScopes.Read);
        Assert.Equal(["8", "6", "6", "5"], Funnel((await FlowsApi.GetAsync(company, $"{Reports}/sources?period=FY2026"))["total"]));
        Assert.Equal(HttpStatusCode.Unauthorized, (await executive.GetAsync("/other/api/v1/reports/sources?period=FY2026")).StatusCode);
    }
}
