using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Contacts.Interchange;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.Spreadsheets;

namespace NetworkSaaS.Web.Features.Exports.Contacts;

/// <summary>One exported contact: what the CSV template holds, plus what the workbook shows besides.</summary>
public sealed record ContactExportRow(
    ExportedContact Contact, List<string> Expertise, MeetingChannel Channel, int Depth, OpenTo OpenTo, ContactVisibility Visibility,
    DateOnly? LastContactedOn, DateOnly? NextTouchOn, string? OwnerName, string? OwnerDepartment);

/// <summary>
/// The contact exports, streamed from the database (no tracking, one row at a time) into xlsx or CSV, so 100,000
/// contacts take the memory of a few hundred.
/// What is exported (privacy): "my contacts" is every contact the user owns, whatever its visibility — they are theirs.
/// The company export (HR/Admin) holds only contacts their owners made <see cref="ContactVisibility.Shared"/>, which
/// every colleague may already read; Discoverable ones promise colleagues never learn who the person is, and Private
/// ones are the owner's alone, so neither is ever in it. Each company export is audit-logged with its row count.
/// </summary>
public sealed class ContactExportWriter(AppDbContext db, ContactLabels labels, IStringLocalizer<SharedResource> l, TimeProvider clock) : IExportWriter
{
    /// <summary>Column widths are computed from the header and this many first rows (the rest streams past).</summary>
    public const int WidthSample = 200;

    public static readonly string[] CompanyCsvExtraColumns = ["owner", "owner_department"];

    public bool Writes(ExportKind kind) => kind is ExportKind.MyContacts or ExportKind.CompanyContacts;

    public async Task<ExportOutput> WriteAsync(ExportRequest request, ITenantInfo tenant, Stream output, ExportProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var company = request.Kind == ExportKind.CompanyContacts;
        var scope = (company
            ? db.Contacts.Where(c => c.Visibility == ContactVisibility.Shared)
            : db.Contacts.Where(c => c.OwnerId == request.OwnerId)).Where(c => !c.UseStopped);
        await progress.SetTotalAsync(await scope.CountAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var rows = Rows(scope);
        var written = request.Format == ExportFormat.Csv
            ? await WriteCsvAsync(rows, company, output, progress, cancellationToken).ConfigureAwait(false)
            : await WriteXlsxAsync(rows, company, output, progress, cancellationToken).ConfigureAwait(false);

        var stamp = TenantClock.Today(tenant, clock).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var extension = request.Format == ExportFormat.Csv ? "csv" : "xlsx";
        var fileName = $"networksaas-{(company ? "company" : "my")}-contacts-{stamp}.{extension}";
        var audit = company
            ? new AuditEntry
            {
                At = clock.GetUtcNow(),
                ActorUserId = request.OwnerId,
                Action = AuditActions.CompanyContactsExported,
                Subject = string.Create(CultureInfo.InvariantCulture, $"{written} shared contacts"),
                Details = $"{fileName} (export {request.Id})",
            }
            : null;
        return new ExportOutput(fileName, written, audit);
    }

    /// <summary>How many rows the streaming query may read ahead of the writer (on the other core).</summary>
    public const int ReadAheadRows = 1_000;

    /// <summary>The contacts in kana order, streamed: no tracking, read (a little ahead) as they are written out.</summary>
    private static IAsyncEnumerable<ContactExportRow> Rows(IQueryable<Contact> scope) =>
        scope.AsNoTracking()
            .OrderBy(c => c.SortKey).ThenBy(c => c.Id)
            .Select(c => new ContactExportRow(
                new ExportedContact(c.FamilyName, c.GivenName, c.FamilyNameKana, c.GivenNameKana, c.DisplayName, c.CompanyName,
                    c.Department, c.Title, c.Emails, c.Phones, c.Urls, c.Address, c.Tags, c.Notes, c.MetOn, c.VCardUid ?? "urn:uuid:" + c.Id),
                c.Expertise, c.Channel, c.Depth, c.OpenTo, c.Visibility, c.LastContactedOn, c.NextTouchOn,
                c.Owner!.DisplayName, c.Owner.Department!.Name))
            .AsAsyncEnumerable()
            .ReadAhead(ReadAheadRows);

    private static async Task<int> WriteCsvAsync(
        IAsyncEnumerable<ContactExportRow> rows, bool company, Stream output, ExportProgress progress, CancellationToken cancellationToken)
    {
        var written = 0;
        await using var csv = new CsvOutput(output);
        csv.WriteRow(company ? [.. ContactCsvWriter.Columns, .. CompanyCsvExtraColumns] : ContactCsvWriter.Columns);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var cells = ContactCsvWriter.Cells(row.Contact);
            csv.WriteRow(company ? [.. cells, row.OwnerName, row.OwnerDepartment] : cells);
            await progress.ReportAsync(++written, cancellationToken).ConfigureAwait(false);
        }

        return written;
    }

    private async Task<int> WriteXlsxAsync(
        IAsyncEnumerable<ContactExportRow> rows, bool company, Stream output, ExportProgress progress, CancellationToken cancellationToken)
    {
        var columns = Columns(company);
        var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            var sample = new List<ContactExportRow>(WidthSample);
            var more = true;
            while (sample.Count < WidthSample && (more = await enumerator.MoveNextAsync().ConfigureAwait(false)))
            {
                sample.Add(enumerator.Current);
            }

            var cells = sample.Select(r => Texts(r, columns)).ToList();
            var sheetColumns = columns.Select((c, i) => new XlsxColumn(c.Header, c.Kind, ColumnWidths.Fit(cells.Select(t => t[i]).Prepend(c.Header)))).ToList();
            using var sheet = XlsxStreamWriter.Create(output, l["Contacts"], sheetColumns);
            foreach (var row in sample)
            {
                Write(sheet, row, columns);
            }

            await progress.ReportAsync(sheet.Rows, cancellationToken).ConfigureAwait(false);
            while (more && await enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                Write(sheet, enumerator.Current, columns);
                await progress.ReportAsync(sheet.Rows, cancellationToken).ConfigureAwait(false);
            }

            sheet.Complete();
            return sheet.Rows;
        }
    }

    private sealed record ContactColumn(string Header, XlsxCellKind Kind, Func<ContactExportRow, object?> Value);

    private List<ContactColumn> Columns(bool company)
    {
        var columns = new List<ContactColumn>
        {
            new(l["Name"], XlsxCellKind.Text, r => r.Contact.DisplayName),
            new(l["Reading"], XlsxCellKind.Text, r => Join(" ", r.Contact.FamilyNameKana, r.Contact.GivenNameKana)),
            new(l["Company"], XlsxCellKind.Text, r => r.Contact.CompanyName),
            new(l["Department"], XlsxCellKind.Text, r => r.Contact.Department),
            new(l["Title"], XlsxCellKind.Text, r => r.Contact.Title),
            new(l["Emails"], XlsxCellKind.Text, r => List(r.Contact.Emails)),
            new(l["Phones"], XlsxCellKind.Text, r => List(r.Contact.Phones)),
            new(l["Web"], XlsxCellKind.Text, r => List(r.Contact.Urls)),
            new(l["Address"], XlsxCellKind.Text, r => r.Contact.Address),
            new(l["Tags"], XlsxCellKind.Text, r => List(r.Contact.Tags)),
            new(l["Their expertise"], XlsxCellKind.Text, r => List(r.Expertise)),
            new(l["Notes"], XlsxCellKind.Text, r => r.Contact.Notes),
            new(l["How we met"], XlsxCellKind.Text, r => labels.Channel(r.Channel)),
            new(l["Met on"], XlsxCellKind.Date, r => r.Contact.MetOn),
            new(l["Relationship depth"], XlsxCellKind.WholeNumber, r => (long)r.Depth),
            new(l["Open to"], XlsxCellKind.Text, r => labels.OpenTo(r.OpenTo)),
        };
        if (!company)
        {
            columns.Add(new(l["Visibility"], XlsxCellKind.Text, r => labels.Visibility(r.Visibility)));
        }

        columns.Add(new(l["Last contact"], XlsxCellKind.Date, r => r.LastContactedOn));
        columns.Add(new(l["Next touch"], XlsxCellKind.Date, r => r.NextTouchOn));
        if (company)
        {
            columns.Add(new(l["Colleague who knows them"], XlsxCellKind.Text, r => r.OwnerName));
            columns.Add(new(l["Colleague's department"], XlsxCellKind.Text, r => r.OwnerDepartment));
        }

        return columns;
    }

    private static void Write(XlsxStreamWriter sheet, ContactExportRow row, List<ContactColumn> columns)
    {
        sheet.BeginRow();
        foreach (var column in columns)
        {
            var value = column.Value(row);
            switch (column.Kind)
            {
                case XlsxCellKind.Date:
                    sheet.Date((DateOnly?)value);
                    break;
                case XlsxCellKind.WholeNumber:
                    sheet.WholeNumber((long?)value);
                    break;
                default:
                    sheet.Text((string?)value);
                    break;
            }
        }

        sheet.EndRow();
    }

    /// <summary>What a cell shows, for measuring column widths.</summary>
    private static string?[] Texts(ContactExportRow row, List<ContactColumn> columns) =>
        [.. columns.Select(c => c.Value(row) switch
        {
            DateOnly => "yyyy-mm-dd",
            long number => number.ToString(CultureInfo.InvariantCulture),
            var text => (string?)text,
        })];

    private static string List(IEnumerable<string> values) => string.Join("; ", values.Where(v => !string.IsNullOrWhiteSpace(v)));

    private static string? Join(string separator, params string?[] parts)
    {
        var joined = string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return joined.Length == 0 ? null : joined;
    }
}
