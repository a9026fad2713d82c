using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Reports;

/// <summary>
/// The report numbers against hand-computed expectations on <see cref="ReportDataset"/>, which is seeded twice: in
/// "acme" and, identically, in "other" — so any number leaking across tenants would show as a doubled count.
/// </summary>
public sealed class ReportsTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _acmeSlug = Slug("acme");
    private readonly string _otherSlug = Slug("other");

    private readonly SettableClock _clock = new(ReportDataset.Now);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private async Task<ReportDataset> SeedBothAsync()
    {
        var acme = await ReportDataset.SeedAsync(App, _acmeSlug);
        await ReportDataset.SeedAsync(App, _otherSlug);
        return acme;
    }

    private static string[] Counts(params int[] values) => [.. values.Select(v => v.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")))];

    [Fact]
    public async Task Sources_report_counts_every_introduction_of_the_company_for_an_executive()
    {
        var data = await SeedBothAsync();
        var client = await App.SignInAsync(_acmeSlug, data.Executive.Email!);
        var html = await client.GetStringAsync($"/{_acmeSlug}/reports?period=FY2026");

        // FY2026: I1–I7 and I9 (I8 is 31 March 23:30 in London). Accepted: all but I3 (declined) and I7 (waiting); I4 was
        // offered, so it starts accepted. Succeeded: I1, I2, I6 won, I4 hired, I5 engaged.
        Assert.Equal("FY2026 (April 2026 – March 2027)", ReportHtml.Text(html, "report-period"));
        Assert.Equal(("8", "6", "6", "5"), (ReportHtml.Text(html, "total-requested"), ReportHtml.Text(html, "total-accepted"),
            ReportHtml.Text(html, "total-introduced"), ReportHtml.Text(html, "total-succeeded")));

        var byPurpose = ReportHtml.Table(html, "id=\"by-purpose\"");
        Assert.Equal(3, byPurpose.Count);
        Assert.Equal(Counts(5, 3, 3, 3), byPurpose["Sales lead"]);
        Assert.Equal(Counts(2, 2, 2, 1), byPurpose["Referral hire"]);
        Assert.Equal(Counts(1, 1, 1, 1), byPurpose["Advisor or mentor"]);

        var byChannel = ReportHtml.Table(html, "id=\"by-channel\"");
        Assert.Equal(5, byChannel.Count);
        Assert.Equal(Counts(3, 3, 3, 2), byChannel["Business exchange event"]);
        Assert.Equal(Counts(2, 1, 1, 1), byChannel["Customer or supplier"]);
        Assert.Equal(Counts(1, 1, 1, 1), byChannel["Friend or acquaintance"]);
        Assert.Equal(Counts(1, 1, 1, 1), byChannel["SNS or online community"]);
        Assert.Equal(Counts(1, 0, 0, 0), byChannel["Regular shop or venue"]);

        var byDepartment = ReportHtml.Table(html, "id=\"by-department\"");
        Assert.Equal(2, byDepartment.Count);
        Assert.Equal(Counts(6, 4, 4, 3), byDepartment["Sales"]);
        Assert.Equal(Counts(2, 2, 2, 2), byDepartment["Engineering"]);

        var byEmployee = ReportHtml.Table(html, "id=\"by-employee\"");
        Assert.Equal(["sales.a", "engineer", "sales.b"], byEmployee.Keys.ToArray());
        Assert.Equal(Counts(4, 3, 3, 2), byEmployee["sales.a"]);
        Assert.Equal(Counts(2, 1, 1, 1), byEmployee["sales.b"]);
        Assert.Equal(Counts(2, 2, 2, 2), byEmployee["engineer"]);

        // Months in London time: I7 (00:30 on 1 April) is April's.
        var overTime = ReportHtml.Table(html, "id=\"over-time\"");
        Assert.Equal(12, overTime.Count);
        Assert.Equal(Counts(2, 1, 1, 1), overTime["April 2026"]);
        Assert.Equal(Counts(2, 1, 1, 1), overTime["May 2026"]);
        Assert.Equal(Counts(2, 2, 2, 2), overTime["June 2026"]);
        Assert.Equal(Counts(1, 1, 1, 1), overTime["July 2026"]);
        Assert.Equal(Counts(1, 1, 1, 0), overTime["August 2026"]);
        Assert.Equal(Counts(0, 0, 0, 0), overTime["March 2027"]);
        Assert.Equal(8, overTime.Values.Sum(v => int.Parse(v[0], System.Globalization.CultureInfo.InvariantCulture)));

        var quarters = ReportHtml.Table(await client.GetStringAsync($"/{_acmeSlug}/reports?period=FY2026&interval=Quarter"), "id=\"over-time\"");
        Assert.Equal(["FY2026 Q1", "FY2026 Q2", "FY2026 Q3", "FY2026 Q4"], quarters.Keys.ToArray());
        Assert.Equal(Counts(6, 4, 4, 4), quarters["FY2026 Q1"]);
        Assert.Equal(Counts(2, 2, 2, 1), quarters["FY2026 Q2"]);
        Assert.Equal(Counts(0, 0, 0, 0), quarters["FY2026 Q4"]);
    }

    [Fact]
    public async Task Period_boundaries_are_midnight_in_the_company_time_zone()
    {
        var data = await SeedBothAsync();
        var client = await App.SignInAsync(_acmeSlug, data.Executive.Email!);

        // I8 at 22:30 UTC on 31 March is 23:30 in London (BST): March's. I7 at 23:30 UTC is already 1 April there.
        Assert.Equal("1", ReportHtml.Text(await client.GetStringAsync($"/{_acmeSlug}/reports?period=2026-03"), "total-requested"));
        Assert.Equal("2", ReportHtml.Text(await client.GetStringAsync($"/{_acmeSlug}/reports?period=2026-04"), "total-requested"));
        Assert.Equal("1", ReportHtml.Text(await client.GetStringAsync($"/{_acmeSlug}/reports?period=FY2025"), "total-requested"));
        var q2 = await client.GetStringAsync($"/{_acmeSlug}/reports?period=FY2026-Q2");
        Assert.Equal("FY2026 Q2 (July 2026 – September 2026)", ReportHtml.Text(q2, "report-period"));
        Assert.Equal("2", ReportHtml.Text(q2, "total-requested"));
    }

    [Fact]
    public async Task Funnel_has_the_hand_computed_conversions_median_times_won_amounts_per_currency_and_hires()
    {
        var data = await SeedBothAsync();
        var client = await App.SignInAsync(_acmeSlug, data.Executive.Email!);
        var html = await client.GetStringAsync($"/{_acmeSlug}/reports/funnel?period=FY2026");

        // Median days to accept (I4 was offered: no wait), to introduce, to the result:
        //   sales leads   accept I1 1, I2 3, I6 1 → 1;  introduce 3, 2, 1 → 2;  won 10, 20, 7 → 10
        //   referrals     accept I9 1 → 1;             introduce I4 5, I9 1 → 3;  hired I4 30 → 30
        //   advisors      2; 4; 6
        //   all           accept 1, 3, 1, 2, 1 → 1;  introduce 3, 2, 1, 5, 4, 1 → 2.5;  results 10, 20, 7, 30, 6 → 10
        var funnel = ReportHtml.Table(html, "id=\"funnel-table\"");
        Assert.Equal(["Sales lead", "Referral hire", "Advisor or mentor", "All purposes"], funnel.Keys.ToArray());
        Assert.Equal(["5", "3 (60%)", "3 (100%)", "3 (100%)", "60%", "1.0 days", "2.0 days", "10.0 days"], funnel["Sales lead"]);
        Assert.Equal(["2", "2 (100%)", "2 (100%)", "1 (50%)", "50%", "1.0 days", "3.0 days", "30.0 days"], funnel["Referral hire"]);
        Assert.Equal(["1", "1 (100%)", "1 (100%)", "1 (100%)", "100%", "2.0 days", "4.0 days", "6.0 days"], funnel["Advisor or mentor"]);
        Assert.Equal(["8", "6 (75%)", "6 (100%)", "5 (83%)", "63%", "1.0 days", "2.5 days", "10.0 days"], funnel["All purposes"]);

        // Won amounts per currency, never added across them: JPY 2,000,000 (I6) and 1,000,000 (I1); USD 500 (I2).
        var jpy = ReportHtml.Table(html, "data-currency=\"JPY\"");
        Assert.Equal(["Customer or supplier", "Business exchange event"], jpy.Keys.ToArray());
        Assert.Equal(["1", "2,000,000"], jpy["Customer or supplier"]);
        Assert.Equal(["1", "1,000,000"], jpy["Business exchange event"]);
        var usd = ReportHtml.Table(html, "data-currency=\"USD\"");
        Assert.Equal(["1", "500.00"], Assert.Single(usd).Value);
        Assert.DoesNotContain("3,000,500", html, StringComparison.Ordinal);

        var hiresByChannel = ReportHtml.Table(html, "id=\"hires-by-channel\"");
        Assert.Equal(["1", "1"], hiresByChannel["Friend or acquaintance"]);
        Assert.Equal(["1", "0"], hiresByChannel["Business exchange event"]);
        var hiresByPosition = ReportHtml.Table(html, "id=\"hires-by-position\"");
        Assert.Equal(["Backend engineer", "Not for an open position"], hiresByPosition.Keys.ToArray());
        Assert.Equal(["1", "1"], hiresByPosition["Backend engineer"]);
        Assert.Equal(["1", "0"], hiresByPosition["Not for an open position"]);

        // A purpose narrows everything: sales leads have no hires; the funnel's last step says "Won".
        var sales = await client.GetStringAsync($"/{_acmeSlug}/reports/funnel?period=FY2026&purpose=SalesLead");
        Assert.Equal(["Sales lead", "All purposes"], ReportHtml.Table(sales, "id=\"funnel-table\"").Keys.ToArray());
        Assert.Contains("No referral introductions in this period.", sales, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Network_health_counts_contacts_interactions_overdue_touches_and_coverage()
    {
        var data = await SeedBothAsync();
        var client = await App.SignInAsync(_acmeSlug, data.Executive.Email!);
        var html = await client.GetStringAsync($"/{_acmeSlug}/reports/health?period=FY2026");

        // Added in FY2026: c1, c2, c4, c5, c6 (c3 in 2025). Interactions: three (c3's was in March). Overdue on 15 September:
        // c1 (1 Sept), c3 (due today), c5 (1 Aug).
        Assert.Equal(("5", "3", "3"), (ReportHtml.Text(html, "total-contacts-added"), ReportHtml.Text(html, "total-interactions"), ReportHtml.Text(html, "total-overdue")));
        var overTime = ReportHtml.Table(html, "id=\"health-over-time\"");
        Assert.Equal(["2", "1"], overTime["April 2026"]);
        Assert.Equal(["1", "1"], overTime["May 2026"]);
        Assert.Equal(["1", "1"], overTime["June 2026"]);
        Assert.Equal(["1", "0"], overTime["July 2026"]);
        Assert.Equal(["0", "0"], overTime["August 2026"]);

        var byDepartment = ReportHtml.Table(html, "id=\"health-by-department\"");
        Assert.Equal(["3", "2", "2"], byDepartment["Sales"]);
        Assert.Equal(["2", "1", "1"], byDepartment["Engineering"]);
        var byEmployee = ReportHtml.Table(html, "id=\"health-by-employee\"");
        Assert.Equal(["sales.a", "engineer", "sales.b"], byEmployee.Keys.ToArray());
        Assert.Equal(["2", "2", "2"], byEmployee["sales.a"]);
        Assert.Equal(["2", "1", "1"], byEmployee["engineer"]);
        Assert.Equal(["1", "0", "0"], byEmployee["sales.b"]);

        // Globex: c1, c2 (sales.a) and c4 (sales.b) → 2 colleagues, 3 relationships, top holder 2 of 3. Initech: c5 only
        // (c3 is Private) → one holder. Umbrella is known only privately: never shown.
        var coverage = ReportHtml.Table(html, "id=\"coverage-table\"");
        Assert.Equal(["Globex", "Initech"], coverage.Keys.ToArray());
        Assert.Equal(["2", "3", "67%", "Spread"], coverage["Globex"]);
        Assert.Equal(["1", "1", "100%", "Single holder"], coverage["Initech"]);
        Assert.DoesNotContain("Umbrella", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_sees_only_their_department_and_cannot_widen_it_through_the_url()
    {
        var data = await SeedBothAsync();
        var client = await App.SignInAsync(_acmeSlug, data.Manager.Email!);
        foreach (var query in new[] { "?period=FY2026", $"?period=FY2026&department={data.Engineering}" })
        {
            // Sales connectors: I1, I2, I7, I9 (sales.a), I3, I4 (sales.b). Engineering's I5 and I6 never count.
            var html = await client.GetStringAsync($"/{_acmeSlug}/reports" + query);
            Assert.Equal("Department: Sales", ReportHtml.Text(html, "report-scope").Split(" · ")[0]);
            Assert.Equal(("6", "4", "4", "3"), (ReportHtml.Text(html, "total-requested"), ReportHtml.Text(html, "total-accepted"),
                ReportHtml.Text(html, "total-introduced"), ReportHtml.Text(html, "total-succeeded")));
            var byPurpose = ReportHtml.Table(html, "id=\"by-purpose\"");
            Assert.Equal(Counts(4, 2, 2, 2), byPurpose["Sales lead"]);
            Assert.Equal(Counts(2, 2, 2, 1), byPurpose["Referral hire"]);
            Assert.False(byPurpose.ContainsKey("Advisor or mentor"));
            Assert.Equal(["sales.a", "sales.b"], ReportHtml.Table(html, "id=\"by-employee\"").Keys.ToArray());
            Assert.DoesNotContain("id=\"by-department\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("name=\"department\"", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"/{_acmeSlug}/reports/funnel?period=FY2026\"", html, StringComparison.Ordinal);

            var funnel = await client.GetStringAsync($"/{_acmeSlug}/reports/funnel" + query);
            Assert.Equal(["6", "4 (67%)", "4 (100%)", "3 (75%)", "50%", "1.0 days", "2.5 days", "20.0 days"],
                ReportHtml.Table(funnel, "id=\"funnel-table\"")["All purposes"]);
            Assert.Equal(["1", "1,000,000"], Assert.Single(ReportHtml.Table(funnel, "data-currency=\"JPY\"")).Value);
            Assert.DoesNotContain("2,000,000", funnel, StringComparison.Ordinal);

            // Contacts of sales.a and sales.b: c1, c2, c4 added; c1's two interactions; c1 and c3 overdue; Globex only.
            var health = await client.GetStringAsync($"/{_acmeSlug}/reports/health" + query);
            Assert.Equal(("3", "2", "2"), (ReportHtml.Text(health, "total-contacts-added"), ReportHtml.Text(health, "total-interactions"), ReportHtml.Text(health, "total-overdue")));
            Assert.Equal(["sales.a", "sales.b"], ReportHtml.Table(health, "id=\"health-by-employee\"").Keys.ToArray());
            Assert.Equal(["Globex"], ReportHtml.Table(health, "id=\"coverage-table\"").Keys.ToArray());
        }
    }

    [Fact]
    public async Task A_manager_without_a_department_sees_every_report_empty()
    {
        var data = await SeedBothAsync();
        var manager = await App.CreateUserAsync(data.Tenant, $"lone.manager@{_acmeSlug}.test", Core.Features.Accounts.Roles.Manager);
        var client = await App.SignInAsync(_acmeSlug, manager.Email!);
        foreach (var path in new[] { $"/{_acmeSlug}/reports", $"/{_acmeSlug}/reports/funnel", $"/{_acmeSlug}/reports/health" })
        {
            var response = await client.GetAsync(path + "?period=FY2026");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("sales.a", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("0", ReportHtml.Text(await client.GetStringAsync($"/{_acmeSlug}/reports?period=FY2026"), "total-requested"));
    }

    [Fact]
    public async Task Executives_and_admins_see_the_whole_company_or_the_department_they_choose()
    {
        var data = await SeedBothAsync();
        var executive = await App.SignInAsync(_acmeSlug, data.Executive.Email!);
        var engineering = await executive.GetStringAsync($"/{_acmeSlug}/reports?period=FY2026&department={data.Engineering}");
        Assert.Equal("Department: Engineering", ReportHtml.Text(engineering, "report-scope").Split(" · ")[0]);
        Assert.Equal(("2", "2"), (ReportHtml.Text(engineering, "total-requested"), ReportHtml.Text(engineering, "total-succeeded")));
        Assert.Equal(["engineer"], ReportHtml.Table(engineering, "id=\"by-employee\"").Keys.ToArray());

        var admin = await App.SignInAsync(_acmeSlug, data.Admin.Email!);
        var company = await admin.GetStringAsync($"/{_acmeSlug}/reports?period=FY2026");
        Assert.StartsWith("Whole company", ReportHtml.Text(company, "report-scope"), StringComparison.Ordinal);
        Assert.Equal("8", ReportHtml.Text(company, "total-requested"));
        var unknownDepartment = await admin.GetStringAsync($"/{_acmeSlug}/reports?period=FY2026&department={Guid.CreateVersion7()}");
        Assert.Equal("8", ReportHtml.Text(unknownDepartment, "total-requested"));
    }

    [Fact]
    public async Task Employees_and_hr_are_refused_and_only_the_roles_that_may_see_reports_get_the_link()
    {
        var data = await SeedBothAsync();
        foreach (var user in new[] { data.Employee, data.Hr, data.SalesA })
        {
            var client = await App.SignInAsync(_acmeSlug, user.Email!);
            foreach (var path in new[] { $"/{_acmeSlug}/reports", $"/{_acmeSlug}/reports/funnel", $"/{_acmeSlug}/reports/health" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
            }

            Assert.DoesNotContain($"href=\"/{_acmeSlug}/reports\"", await client.GetStringAsync($"/{_acmeSlug}/"), StringComparison.Ordinal);
        }

        foreach (var user in new[] { data.Manager, data.Executive, data.Admin })
        {
            var client = await App.SignInAsync(_acmeSlug, user.Email!);
            Assert.Contains($"href=\"/{_acmeSlug}/reports\"", await client.GetStringAsync($"/{_acmeSlug}/"), StringComparison.Ordinal);
        }

        var anonymous = await App.CreateBrowserlikeClient().GetAsync($"/{_acmeSlug}/reports");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith($"/{_acmeSlug}/account/login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_companys_executive_sees_only_their_own_company()
    {
        var acme = await ReportDataset.SeedAsync(App, _acmeSlug);
        var (other, otherAdmin) = await App.CreateTenantAsync(_otherSlug);
        var otherExecutive = await App.CreateUserAsync(other, $"executive@{_otherSlug}.test", Core.Features.Accounts.Roles.Executive);
        await App.CreateContactAsync(other, otherAdmin.Id, "Only", "Here", "Globex", Core.Features.Contacts.ContactVisibility.Shared);
        var client = await App.SignInAsync(_otherSlug, otherExecutive.Email!);

        var sources = await client.GetStringAsync($"/{_otherSlug}/reports?period=FY2026");
        Assert.Equal("0", ReportHtml.Text(sources, "total-requested"));
        Assert.Contains("id=\"no-introductions\"", sources, StringComparison.Ordinal);
        var health = await client.GetStringAsync($"/{_otherSlug}/reports/health?period=FY2026");
        Assert.Equal(("1", "0"), (ReportHtml.Text(health, "total-contacts-added"), ReportHtml.Text(health, "total-interactions")));
        Assert.Equal(["1", "1", "100%", "Single holder"], ReportHtml.Table(health, "id=\"coverage-table\"")["Globex"]);
        Assert.DoesNotContain("sales.a", health, StringComparison.Ordinal);
        Assert.DoesNotContain("Initech", health, StringComparison.Ordinal);

        // acme's department id in other's URL names nothing there: the whole (other) company is shown.
        var foreignDepartment = await client.GetStringAsync($"/{_otherSlug}/reports?period=FY2026&department={acme.Sales}");
        Assert.StartsWith("Whole company", ReportHtml.Text(foreignDepartment, "report-scope"), StringComparison.Ordinal);
        Assert.Equal("0", ReportHtml.Text(foreignDepartment, "total-requested"));
    }

    [Fact]
    public async Task Filters_round_trip_through_the_url()
    {
        var data = await SeedBothAsync();
        var client = await App.SignInAsync(_acmeSlug, data.Executive.Email!);
        var query = $"?period=FY2026-Q1&department={data.Sales}&purpose=ReferralHire&interval=Quarter";
        var html = await client.GetStringAsync($"/{_acmeSlug}/reports" + query);

        Assert.Contains("<option value=\"FY2026-Q1\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{data.Sales}\" selected=\"selected\">Sales</option>", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"ReferralHire\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Quarter\" selected=\"selected\">", html, StringComparison.Ordinal);
        var encoded = query.Replace("&", "&amp;", StringComparison.Ordinal);
        foreach (var tab in new[] { $"/{_acmeSlug}/reports", $"/{_acmeSlug}/reports/funnel", $"/{_acmeSlug}/reports/health" })
        {
            Assert.Contains($"href=\"{tab}{encoded}\"", html, StringComparison.Ordinal);
        }

        // I4 is the only referral of a Sales connector in April–June.
        Assert.Equal("1", ReportHtml.Text(html, "total-requested"));
        Assert.Equal(Counts(1, 1, 1, 1), ReportHtml.Table(html, "id=\"by-purpose\"")["Referral hire"]);

        // The tab links carry the same filter: the funnel page reads it back.
        var funnel = await client.GetStringAsync($"/{_acmeSlug}/reports/funnel" + query);
        Assert.Equal(["1", "1 (100%)", "1 (100%)", "1 (100%)", "100%", "–", "5.0 days", "30.0 days"], ReportHtml.Table(funnel, "id=\"funnel-table\"")["Referral hire"]);

        // Values that name nothing fall back to the defaults: this fiscal year, every purpose, by month, whole company.
        var fallback = await client.GetStringAsync($"/{_acmeSlug}/reports?period=FY1999&purpose=Bogus&interval=Weekly&department=not-a-guid");
        Assert.Equal("FY2026 (April 2026 – March 2027)", ReportHtml.Text(fallback, "report-period"));
        Assert.Equal("8", ReportHtml.Text(fallback, "total-requested"));
        Assert.Contains($"href=\"/{_acmeSlug}/reports/funnel?period=FY2026\"", fallback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fiscal_year_start_is_a_company_setting_the_reports_follow()
    {
        var data = await SeedBothAsync();
        var admin = await App.SignInAsync(_acmeSlug, data.Admin.Email!);
        var settings = await admin.GetStringAsync($"/{_acmeSlug}/admin/settings");
        Assert.Contains("<option value=\"4\" selected=\"selected\">April</option>", settings, StringComparison.Ordinal);

        var refused = await admin.PostFormAsync($"/{_acmeSlug}/admin/settings", new()
        {
            ["Input.Name"] = $"{_acmeSlug} Company", ["Input.DefaultCulture"] = "en", ["Input.TimeZoneId"] = "Europe/London", ["Input.FiscalYearStartMonth"] = "13",
        }, expect: HttpStatusCode.OK);
        var saved = await admin.PostFormAsync($"/{_acmeSlug}/admin/settings", new()
        {
            ["Input.Name"] = $"{_acmeSlug} Company", ["Input.DefaultCulture"] = "en", ["Input.TimeZoneId"] = "Europe/London", ["Input.FiscalYearStartMonth"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // The calendar year 2026 holds all nine introductions, I8 (31 March) included.
        var html = await admin.GetStringAsync($"/{_acmeSlug}/reports");
        Assert.Equal("FY2026 (January 2026 – December 2026)", ReportHtml.Text(html, "report-period"));
        Assert.Equal("9", ReportHtml.Text(html, "total-requested"));
        var quarter = await admin.GetStringAsync($"/{_acmeSlug}/reports?period=FY2026-Q1");
        Assert.Equal("FY2026 Q1 (January 2026 – March 2026)", ReportHtml.Text(quarter, "report-period"));
        Assert.Equal("1", ReportHtml.Text(quarter, "total-requested"));

        // Only this company changed.
        var other = await App.SignInAsync(_otherSlug, $"executive@{_otherSlug}.test");
        Assert.Equal("FY2026 (April 2026 – March 2027)", ReportHtml.Text(await other.GetStringAsync($"/{_otherSlug}/reports"), "report-period"));
    }

    [Fact]
    public async Task Reports_speak_japanese_with_japanese_periods_and_numbers()
    {
        var data = await SeedBothAsync();
        var client = await App.SignInAsync(_acmeSlug, data.Executive.Email!);
        await client.PostFormAsync("/culture", new() { ["culture"] = "ja", ["returnUrl"] = $"/{_acmeSlug}/reports" }, $"/{_acmeSlug}/");
        var html = await client.GetStringAsync($"/{_acmeSlug}/reports/funnel?period=FY2026-Q1");
        Assert.Equal("2026年度 第1四半期（2026年4月〜2026年6月）", ReportHtml.Text(html, "report-period"));
        Assert.Contains(">レポート<", html, StringComparison.Ordinal);
        Assert.Equal(["1", "1,000,000"], ReportHtml.Table(html, "data-currency=\"JPY\"")["異業種交流会・ビジネス交流イベント"]);
        // First-quarter sales leads I1, I2, I3, I7: accepted after 1 and 3 days (I3 declined, I7 waits) → median 2 days.
        var funnel = ReportHtml.Table(html, "id=\"funnel-table\"");
        Assert.Equal(["4", "2 (50%)", "2 (100%)", "2 (100%)", "50%", "2.0日", "2.5日", "15.0日"], funnel["営業リード"]);
    }
}
