using ClosedXML.Excel;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Exports.HrReview;
using NetworkSaaS.Web.Features.Introductions;

namespace NetworkSaaS.Tests.Exports;

/// <summary>
/// The HR review workbook on a small fixed company, played through the product's own services on a settable clock,
/// with every figure computed by hand (London time; the period 2026-01-01 – 2026-03-31 ends at 23:00 UTC, in summer time).
/// </summary>
public sealed class HrReviewExportTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _orbitSlug = Slug("orbit");

    private readonly SettableClock _clock = new(new DateTimeOffset(2025, 12, 1, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private const string SecretMessage = "Secret message: call her on 090-1111-2222";
    private const string PositionTitle = "=HYPERLINK(\"http://evil.example\",\"Apply\")";

    private sealed record Company(Tenant Tenant, AppUser Hr, AppUser Aoi, AppUser Ben, AppUser Cho, Guid Sales);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0, int year = 2026) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private async Task<Company> SeedAsync()
    {
        var (tenant, _) = await App.CreateTenantAsync(_orbitSlug);
        var hr = await App.CreateUserAsync(tenant, $"hr@{_orbitSlug}.test", Roles.HR);
        var aoi = await App.CreateUserAsync(tenant, $"aoi@{_orbitSlug}.test");
        var ben = await App.CreateUserAsync(tenant, $"ben@{_orbitSlug}.test");
        var cho = await App.CreateUserAsync(tenant, $"cho@{_orbitSlug}.test");
        var dan = await App.CreateUserAsync(tenant, $"dan@{_orbitSlug}.test");
        var sales = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var departments = new[] { new Department { Name = "Sales" }, new Department { Name = "+Engineering" }, new Department { Name = "People" } };
            db.Departments.AddRange(departments);
            await db.SaveChangesAsync();
            foreach (var (user, name, kana, department, title) in new[]
                     {
                         (aoi, "Aoi Sato", "さとう あおい", departments[0], "Account manager"), (ben, "Ben Ito", "いとう べん", departments[0], "Sales rep"),
                         (cho, "Cho Lee", "りー ちょ", departments[1], "@lead"), (dan, "Dan Old", "おーるど だん", departments[0], "Left"),
                         (hr, "Hana HR", "はな", departments[2], "HR partner"),
                     })
            {
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(u => u.DisplayName, name).SetProperty(u => u.DisplayNameKana, kana)
                    .SetProperty(u => u.DepartmentId, department.Id).SetProperty(u => u.Title, title));
            }

            await db.Users.Where(u => u.Id == dan.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
            return departments[0].Id;
        });

        // Contacts: aoi adds 3 in the period (the last at 23:00 London time on 31 March), 1 before and 1 just after it.
        var x = await ContactAsync(tenant, aoi, "Yui", "Nakamura", "Hikari Logistics", ContactVisibility.Shared, Utc(1, 5, 10));
        var y = await ContactAsync(tenant, aoi, "Kaito", "Mori", "Aoi Bank", ContactVisibility.Discoverable, Utc(2, 10, 10));
        await ContactAsync(tenant, aoi, "Rin", "Okada", "Sakura Foods", ContactVisibility.Private, Utc(3, 31, 22));
        var w = await ContactAsync(tenant, aoi, "Sam", "Reed", "Contoso", ContactVisibility.Shared, Utc(12, 20, 10, year: 2025));
        await ContactAsync(tenant, aoi, "Tom", "Hill", "Umbrella", ContactVisibility.Private, Utc(3, 31, 23, 30)); // 1 April, 00:30 in London
        var v = await ContactAsync(tenant, aoi, "Mei", "Kato", "Globex", ContactVisibility.Private, Utc(11, 2, 10, year: 2025));
        var u = await ContactAsync(tenant, aoi, "Leo", "Park", "Initech", ContactVisibility.Shared, Utc(11, 3, 10, year: 2025));
        var z = await ContactAsync(tenant, cho, "Eri", "Abe", "Fuji Works", ContactVisibility.Shared, Utc(2, 1, 8));

        // Interactions: aoi logs 2 dated in the period and 1 after it; cho logs 1.
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            foreach (var (contact, by, on) in new[] { (x, aoi, new DateOnly(2026, 1, 10)), (y, aoi, new DateOnly(2026, 3, 31)), (x, aoi, new DateOnly(2026, 4, 1)), (z, cho, new DateOnly(2026, 2, 2)) })
            {
                db.Interactions.Add(new Interaction { ContactId = contact, Kind = InteractionKind.Meeting, OccurredOn = on, CreatedByUserId = by.Id, CreatedAt = Utc(4, 2, 9) });
            }

            return await db.SaveChangesAsync();
        });

        // R4: asked before the period, answered (432 h), made in it; won only after it (1 April London time).
        _clock.UtcNow = Utc(12, 15, 9, year: 2025);
        var r4 = await Step(tenant, s => s.RequestAsync(ben.Id, new(w, null, null, IntroductionPurpose.SalesLead, "Secret reason four", null), default));
        await Step(tenant, s => s.AcceptAsync(aoi.Id, r4, null, default), Utc(1, 2, 9));
        await Step(tenant, s => s.ConfirmConsentAsync(aoi.Id, r4, new DateOnly(2026, 1, 3), new DateOnly(2026, 1, 3), default), Utc(1, 3, 10));
        await Step(tenant, s => s.RecordOutcomeAsync(ben.Id, r4, new(IntroductionOutcome.Won, 2000m, "USD", null, null), default), Utc(3, 31, 23, 30));

        // R1: ben asks aoi (answered in 4 h), made the next day, won 1,500,000 JPY on 15 February.
        var r1 = await Step(tenant, s => s.RequestAsync(ben.Id, new(x, null, null, IntroductionPurpose.SalesLead, "Secret reason one", null), default), Utc(1, 12, 9));
        await Step(tenant, s => s.PostMessageAsync(ben.Id, r1, SecretMessage, default), Utc(1, 12, 10));
        await Step(tenant, s => s.AcceptAsync(aoi.Id, r1, null, default), Utc(1, 12, 13));
        await Step(tenant, s => s.ConfirmConsentAsync(aoi.Id, r1, new DateOnly(2026, 1, 13), new DateOnly(2026, 1, 13), default), Utc(1, 13, 10));
        await Step(tenant, s => s.RecordOutcomeAsync(ben.Id, r1, new(IntroductionOutcome.Meeting, null, null, null, null), default), Utc(1, 20, 10));
        await Step(tenant, s => s.RecordOutcomeAsync(ben.Id, r1, new(IntroductionOutcome.Won, 1_500_000m, "JPY", null, null), default), Utc(2, 15, 10));

        // R2: cho asks aoi for a referral; declined after 24 h.
        var r2 = await Step(tenant, s => s.RequestAsync(cho.Id, new(y, null, null, IntroductionPurpose.ReferralHire, "Secret reason two", null), default), Utc(2, 1, 9));
        await Step(tenant, s => s.DeclineAsync(aoi.Id, r2, "Secret decline reason", default), Utc(2, 2, 9));

        // R3: ben asks cho for an advisor; answered in 2 h, engaged on 1 March.
        var r3 = await Step(tenant, s => s.RequestAsync(ben.Id, new(z, null, null, IntroductionPurpose.Advisor, "Secret reason three", null), default), Utc(2, 10, 9));
        await Step(tenant, s => s.AcceptAsync(cho.Id, r3, null, default), Utc(2, 10, 11));
        await Step(tenant, s => s.ConfirmConsentAsync(cho.Id, r3, new DateOnly(2026, 2, 11), new DateOnly(2026, 2, 11), default), Utc(2, 11, 9));
        await Step(tenant, s => s.RecordOutcomeAsync(ben.Id, r3, new(IntroductionOutcome.Engaged, null, null, null, null), default), Utc(3, 1, 9));

        // R5: cho's open position; aoi answers it with a contact (an offer: accepted at once, no response time); hired on 20 March.
        var askId = await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var ask = new Ask { AuthorId = cho.Id, Purpose = IntroductionPurpose.ReferralHire, Title = PositionTitle, IsPosition = true, CreatedAt = Utc(3, 1, 8) };
            db.Asks.Add(ask);
            await db.SaveChangesAsync();
            return ask.Id;
        });
        var r5 = await Step(tenant, s => s.OfferAsync(aoi.Id, askId, v, "Secret offer note", default), Utc(3, 2, 9));
        await Step(tenant, s => s.ConfirmConsentAsync(aoi.Id, r5, new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3), default), Utc(3, 3, 9));
        await Step(tenant, s => s.RecordOutcomeAsync(cho.Id, r5, new(IntroductionOutcome.Hired, null, null, new DateOnly(2026, 5, 1), null), default), Utc(3, 20, 9));

        // R6: ben asks aoi on 25 March; still waiting.
        await Step(tenant, s => s.RequestAsync(ben.Id, new(u, null, null, IntroductionPurpose.SalesLead, "Secret reason six", null), default), Utc(3, 25, 9));

        _clock.UtcNow = Utc(4, 2, 9);
        return new Company(tenant, hr, aoi, ben, cho, sales);
    }

    private Task<Guid> ContactAsync(ITenantInfo tenant, AppUser owner, string given, string family, string company, ContactVisibility visibility, DateTimeOffset createdAt) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var contact = new Contact { OwnerId = owner.Id };
            await sp.GetRequiredService<ContactWriter>().ApplyAsync(contact, new ContactInput
            {
                GivenName = given, FamilyName = family, CompanyName = company, Emails = $"{given}@{company.Replace(' ', '-')}.example".ToLowerInvariant(),
                Phones = "090-1234-5678", Title = "Director", Visibility = visibility, Depth = 3,
            }, CancellationToken.None);
            contact.CreatedAt = contact.UpdatedAt = createdAt;
            var db = sp.GetRequiredService<AppDbContext>();
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            return contact.Id;
        });

    private async Task<Guid> Step(ITenantInfo tenant, Func<IntroductionService, Task<IntroductionResult>> step, DateTimeOffset? at = null)
    {
        if (at is { } moment)
        {
            _clock.UtcNow = moment;
        }

        var result = await App.InTenantAsync(tenant, sp => step(sp.GetRequiredService<IntroductionService>()));
        Assert.True(result.Succeeded, result.Problem?.ToString());
        return result.RequestId!.Value;
    }

    private async Task<byte[]> ReviewAsync(Company company, Guid? department, IEnumerable<string> columns, string culture = "en")
    {
        var id = await ExportRuns.CompletedAsync(App, company.Tenant, company.Hr.Id, ExportKind.HrReview, ExportFormat.Xlsx, r =>
        {
            r.PeriodFrom = new DateOnly(2026, 1, 1);
            r.PeriodTo = new DateOnly(2026, 3, 31);
            r.DepartmentId = department;
            r.Columns = [.. columns];
        }, culture);
        return (await ExportRuns.FileAsync(App, company.Tenant, id))!;
    }

    private static readonly string[] AllHeaders =
    [
        "Employee", "Email", "Department", "Title", "Contacts added", "Interactions logged", "Introductions as connector", "Introductions as requester",
        "Requests accepted", "Requests declined", "Median response (hours)", "Introductions made", "Leads won", "Amount won (JPY)", "Referral hires",
        "Advisor engagements",
    ];

    [Fact]
    public async Task The_company_workbook_has_the_hand_computed_figures_for_every_employee()
    {
        var company = await SeedAsync();

        var xlsx = await ReviewAsync(company, null, HrReviewColumns.All);

        Assert.Empty(Spreadsheets.ValidationErrors(xlsx));
        Assert.Equal(0, Spreadsheets.FormulaCount(xlsx));
        using var workbook = Spreadsheets.Open(xlsx);
        Assert.Equal(["Summary", "Introductions", "About this export"], workbook.Worksheets.Select(s => s.Name));
        var summary = workbook.Worksheet("Summary");
        Assert.Equal(AllHeaders, summary.Row(1).CellsUsed().Select(c => c.GetString()));
        // Active employees in reading order (kana, else the name); Dan was deactivated.
        Assert.Equal([$"{_orbitSlug} Admin", "Ben Ito", "Aoi Sato", "Hana HR", "Cho Lee"], summary.Column(1).CellsUsed().Skip(1).Select(c => c.GetString()));
        var rows = summary.RowsUsed().Skip(1).ToDictionary(r => r.Cell(1).GetString(), r => r);

        //                                     added inter. conn. req. acc. decl. median made won  JPY        hires advisor
        AssertFigures(rows["Aoi Sato"], [3, 2, 4, 0, 3, 1, 24.0, 3, 1, 1_500_000, 1, 0]);
        AssertFigures(rows["Ben Ito"], [0, 0, 0, 3, 0, 0, null, 0, 1, 1_500_000, 0, 1]);
        AssertFigures(rows["Cho Lee"], [1, 1, 1, 2, 1, 0, 2.0, 1, 0, 0, 1, 1]);
        AssertFigures(rows["Hana HR"], [0, 0, 0, 0, 0, 0, null, 0, 0, 0, 0, 0]);
        Assert.Equal(($"aoi@{_orbitSlug}.test", "Sales", "Account manager"), (rows["Aoi Sato"].Cell(2).GetString(), rows["Aoi Sato"].Cell(3).GetString(), rows["Aoi Sato"].Cell(4).GetString()));

        // Formats and types.
        var aoi = rows["Aoi Sato"];
        Assert.Equal(("0", "0.0", "#,##0"), (aoi.Cell(5).Style.NumberFormat.Format, aoi.Cell(11).Style.NumberFormat.Format, aoi.Cell(14).Style.NumberFormat.Format));
        Assert.True(summary.Cell(1, 1).Style.Font.Bold);
        Assert.Equal((1, 1), (summary.SheetView.SplitRow, summary.SheetView.SplitColumn));
        Assert.Equal("A1:P6", summary.AutoFilter.Range.RangeAddress.ToString());
        Assert.True(summary.Column(7).Width > summary.Column(5).Width - 0.01);

        // Text from users stays text: a department and a title that look like formulas carry the quote prefix.
        var cho = rows["Cho Lee"];
        Assert.Equal(("+Engineering", "@lead"), (cho.Cell(3).GetString(), cho.Cell(4).GetString()));
        Assert.All(new[] { cho.Cell(3), cho.Cell(4) }, c => Assert.True(c.DataType == XLDataType.Text && c.Style.IncludeQuotePrefix));
        Assert.False(aoi.Cell(3).Style.IncludeQuotePrefix);
    }

    private static void AssertFigures(IXLRow row, double?[] expected)
    {
        var columns = new[] { 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
        var actual = columns.Select(c => row.Cell(c).IsEmpty() ? (double?)null : row.Cell(c).GetDouble()).ToArray();
        Assert.Equal(expected, actual);
        Assert.All(columns.Where(c => !row.Cell(c).IsEmpty()), c => Assert.Equal(XLDataType.Number, row.Cell(c).DataType));
    }

    [Fact]
    public async Task The_introductions_sheet_lists_each_introduction_an_employee_took_part_in_without_private_details()
    {
        var company = await SeedAsync();

        var xlsx = await ReviewAsync(company, company.Sales, HrReviewColumns.All);

        using var workbook = Spreadsheets.Open(xlsx);
        var sheet = workbook.Worksheet("Introductions");
        Assert.Equal(
            ["Employee", "Role", "Colleague", "Purpose", "Company", "Ask or position", "Requested on", "State", "Answered on", "Response (hours)",
             "Introduced on", "Outcome", "Outcome recorded on", "Amount won", "Currency", "Hire start date"],
            sheet.Row(1).CellsUsed().Select(c => c.GetString()));
        var rows = sheet.RowsUsed().Skip(1).Select(r => (Employee: r.Cell(1).GetString(), Role: r.Cell(2).GetString(), Colleague: r.Cell(3).GetString(),
            Company: r.Cell(5).GetString(), Requested: r.Cell(7).GetDateTime())).ToList();
        Assert.Equal(
            [
                ("Ben Ito", "Requester", "Aoi Sato", "Contoso", new DateTime(2025, 12, 15)),
                ("Ben Ito", "Requester", "Aoi Sato", "Hikari Logistics", new DateTime(2026, 1, 12)),
                ("Ben Ito", "Requester", "Cho Lee", "Fuji Works", new DateTime(2026, 2, 10)),
                ("Ben Ito", "Requester", "Aoi Sato", "Initech", new DateTime(2026, 3, 25)),
                ("Aoi Sato", "Connector", "Ben Ito", "Contoso", new DateTime(2025, 12, 15)),
                ("Aoi Sato", "Connector", "Ben Ito", "Hikari Logistics", new DateTime(2026, 1, 12)),
                ("Aoi Sato", "Connector", "Cho Lee", "Aoi Bank", new DateTime(2026, 2, 1)),
                ("Aoi Sato", "Connector", "Cho Lee", "Globex", new DateTime(2026, 3, 2)),
                ("Aoi Sato", "Connector", "Ben Ito", "Initech", new DateTime(2026, 3, 25)),
            ],
            rows);

        var won = sheet.Row(7); // Aoi, the Hikari lead
        Assert.Equal(("Sales lead", "Introduced", "Won"), (won.Cell(4).GetString(), won.Cell(8).GetString(), won.Cell(12).GetString()));
        Assert.Equal((new DateTime(2026, 1, 12), 4.0, new DateTime(2026, 1, 13), new DateTime(2026, 2, 15)),
            (won.Cell(9).GetDateTime(), won.Cell(10).GetDouble(), won.Cell(11).GetDateTime(), won.Cell(13).GetDateTime()));
        Assert.Equal((1_500_000.0, "#,##0", "JPY"), (won.Cell(14).GetDouble(), won.Cell(14).Style.NumberFormat.Format, won.Cell(15).GetString()));
        Assert.Equal("yyyy-mm-dd", won.Cell(7).Style.DateFormat.Format);
        var offer = sheet.Row(9); // Aoi answered cho's position: no response time, hired
        Assert.Equal(("Referral hire", PositionTitle, "Hired"), (offer.Cell(4).GetString(), offer.Cell(6).GetString(), offer.Cell(12).GetString()));
        Assert.True(offer.Cell(6).Style.IncludeQuotePrefix);
        Assert.True(offer.Cell(10).IsEmpty());
        Assert.Equal(new DateTime(2026, 5, 1), offer.Cell(16).GetDateTime());
        var usd = sheet.Row(2); // won after the period: the sheet still shows where it stands today
        Assert.Equal(("Won", 2000.0, "#,##0.00"), (usd.Cell(12).GetString(), usd.Cell(14).GetDouble(), usd.Cell(14).Style.NumberFormat.Format));
        Assert.Equal(432.0, usd.Cell(10).GetDouble());

        // Only Sales (Aoi, Ben) in the summary; the USD lead was won after the period, so there is no USD column.
        var summary = workbook.Worksheet("Summary");
        Assert.Equal(["Ben Ito", "Aoi Sato"], summary.Column(1).CellsUsed().Skip(1).Select(c => c.GetString()));
        Assert.DoesNotContain(summary.Row(1).CellsUsed(), c => c.GetString().Contains("USD", StringComparison.Ordinal));

        // Never a contact's name, email, phone or title, nor reasons and messages.
        var everything = string.Join("|", workbook.Worksheets.SelectMany(s => s.CellsUsed()).Select(c => c.GetString()));
        foreach (var secret in new[] { "Nakamura", "Yui", "Mori", "Kato", "Reed", "Abe", "Park", "Hill", "@hikari", "090-", "Director", "Secret" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_the_chosen_columns_are_written_and_the_about_sheet_says_what_they_count()
    {
        var company = await SeedAsync();

        var xlsx = await ReviewAsync(company, company.Sales, [HrReviewColumns.LeadsWon, HrReviewColumns.ContactsAdded]);

        using var workbook = Spreadsheets.Open(xlsx);
        Assert.Equal(["Summary", "About this export"], workbook.Worksheets.Select(s => s.Name));
        var summary = workbook.Worksheet("Summary");
        Assert.Equal(["Employee", "Contacts added", "Leads won"], summary.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Equal(("Ben Ito", 0.0, 1.0), (summary.Cell(2, 1).GetString(), summary.Cell(2, 2).GetDouble(), summary.Cell(2, 3).GetDouble()));
        Assert.Equal(("Aoi Sato", 3.0, 1.0), (summary.Cell(3, 1).GetString(), summary.Cell(3, 2).GetDouble(), summary.Cell(3, 3).GetDouble()));
        var about = workbook.Worksheet("About this export");
        var facts = about.RowsUsed().ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2).GetString());
        Assert.Equal("2026-01-01 – 2026-03-31", facts["Evaluation period"]);
        Assert.Equal(("Sales", "2", "Hana HR", "Europe/London"), (facts["Department"], facts["Employees"], facts["Requested by"], facts["Time zone"]));
        Assert.StartsWith("Sales leads recorded as won in the period", facts["Leads won"], StringComparison.Ordinal);
        Assert.False(facts.ContainsKey("Referral hires"));

        var audit = await App.InTenantAsync(company.Tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .SingleAsync(a => a.Action == AuditActions.HrReviewExported));
        Assert.Equal((company.Hr.Id, "2026-01-01 – 2026-03-31, Sales"), (audit.ActorUserId, audit.Subject));
    }

    [Fact]
    public async Task Headings_are_japanese_for_a_japanese_reader_and_libreoffice_opens_every_sheet()
    {
        var company = await SeedAsync();

        var xlsx = await ReviewAsync(company, company.Sales, HrReviewColumns.All, culture: "ja");

        using (var workbook = Spreadsheets.Open(xlsx))
        {
            Assert.Equal(["サマリー", "紹介", "この出力について"], workbook.Worksheets.Select(s => s.Name));
            Assert.Equal(("社員", "追加された連絡先", "受注金額 (JPY)"), (workbook.Worksheet(1).Cell(1, 1).GetString(), workbook.Worksheet(1).Cell(1, 5).GetString(), workbook.Worksheet(1).Cell(1, 14).GetString()));
            Assert.Equal("営業リード", workbook.Worksheet(2).Cell(7, 4).GetString());
        }

        var sheets = await Spreadsheets.LibreOfficeCsvAsync(xlsx);
        Assert.Equal(["この出力について", "サマリー", "紹介"], sheets.Keys.Order(StringComparer.Ordinal));
        var summary = sheets["サマリー"].Split('\n');
        Assert.StartsWith("社員,メールアドレス,部署,役職,追加された連絡先,", summary[0], StringComparison.Ordinal);
        Assert.StartsWith($"Aoi Sato,aoi@{_orbitSlug}.test,Sales,Account manager,3,2,4,0,3,1,24.0,3,1,\"1,500,000\",1,0", summary[2], StringComparison.Ordinal);
        Assert.Contains(PositionTitle.Replace("\"", "\"\"", StringComparison.Ordinal), sheets["紹介"], StringComparison.Ordinal);
    }
}
