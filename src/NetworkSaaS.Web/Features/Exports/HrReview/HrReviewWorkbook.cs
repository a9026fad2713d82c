using System.Globalization;
using ClosedXML.Excel;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Web.Features.Introductions;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.Spreadsheets;

namespace NetworkSaaS.Web.Features.Exports.HrReview;

/// <summary>Who made the workbook and when, for its "about" sheet.</summary>
public sealed record HrReviewContext(string CompanyName, string RequestedBy, DateTime MadeAtLocal);

/// <summary>
/// The HR review workbook (ClosedXML, in memory: it is bounded by the number of employees): a summary sheet with one
/// row per employee and the columns HR chose, the introductions sheet, and a sheet saying what the period, the scope
/// and each column are. Styled headers, frozen panes, autofilters, number and date formats, widths computed from the
/// text, headings in the requester's language. Text from users is always typed text; formula-like text carries the
/// quote prefix.
/// </summary>
public sealed class HrReviewWorkbook(HrReviewLabels labels, IntroductionLabels introductions, IStringLocalizer<SharedResource> l)
{
    private enum CellKind
    {
        Text,
        Count,
        Hours,
        Amount,
        Date,
    }

    private sealed record SheetColumn<T>(string Header, CellKind Kind, Func<T, object?> Value, Func<T, string?>? Currency = null);

    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DDEBF7");
    private static readonly XLColor HeaderBorder = XLColor.FromHtml("#8EA9DB");

    public void Write(HrReviewData data, IReadOnlyCollection<string> chosen, HrReviewContext context, Stream output)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentNullException.ThrowIfNull(context);
        using var workbook = new XLWorkbook();
        WriteTable(workbook.AddWorksheet(l["Summary"]), SummaryColumns(data, chosen), data.Rows, freezeColumns: 1);
        if (chosen.Contains(HrReviewColumns.IntroductionsSheet))
        {
            WriteTable(workbook.AddWorksheet(l["Introductions"]), IntroductionColumns(), data.Introductions, freezeColumns: 1);
        }

        WriteAbout(workbook.AddWorksheet(l["About this export"]), data, chosen, context);
        workbook.Worksheet(1).SetTabActive();
        workbook.SaveAs(output);
    }

    private List<SheetColumn<HrReviewRow>> SummaryColumns(HrReviewData data, IReadOnlyCollection<string> chosen)
    {
        var columns = new List<SheetColumn<HrReviewRow>> { new(l["Employee"], CellKind.Text, r => r.Employee.Name) };
        foreach (var key in HrReviewColumns.All.Where(chosen.Contains))
        {
            switch (key)
            {
                case HrReviewColumns.WonAmount:
                    columns.AddRange(data.Currencies.Select(currency => new SheetColumn<HrReviewRow>(
                        $"{labels.Heading(key)} ({currency})", CellKind.Amount,
                        r => r.Figures.WonAmounts.TryGetValue(currency, out var amount) ? amount : 0m, _ => currency)));
                    break;
                case HrReviewColumns.IntroductionsSheet:
                    break;
                default:
                    columns.Add(new(labels.Heading(key), KindOf(key), r => Figure(key, r)));
                    break;
            }
        }

        return columns;
    }

    private static CellKind KindOf(string key) => key switch
    {
        HrReviewColumns.Email or HrReviewColumns.Department or HrReviewColumns.Title => CellKind.Text,
        HrReviewColumns.MedianResponseHours => CellKind.Hours,
        _ => CellKind.Count,
    };

    private static object? Figure(string key, HrReviewRow row) => key switch
    {
        HrReviewColumns.Email => row.Employee.Email,
        HrReviewColumns.Department => row.Employee.Department,
        HrReviewColumns.Title => row.Employee.Title,
        HrReviewColumns.ContactsAdded => row.Figures.ContactsAdded,
        HrReviewColumns.Interactions => row.Figures.Interactions,
        HrReviewColumns.AsConnector => row.Figures.AsConnector,
        HrReviewColumns.AsRequester => row.Figures.AsRequester,
        HrReviewColumns.Accepted => row.Figures.Accepted,
        HrReviewColumns.Declined => row.Figures.Declined,
        HrReviewColumns.MedianResponseHours => row.Figures.MedianResponseHours,
        HrReviewColumns.IntroductionsMade => row.Figures.IntroductionsMade,
        HrReviewColumns.LeadsWon => row.Figures.LeadsWon,
        HrReviewColumns.ReferralHires => row.Figures.ReferralHires,
        HrReviewColumns.AdvisorEngagements => row.Figures.AdvisorEngagements,
        _ => null,
    };

    private List<SheetColumn<HrIntroductionRow>> IntroductionColumns() =>
    [
        new(l["Employee"], CellKind.Text, r => r.Employee),
        new(l["Role"], CellKind.Text, r => r.Side == IntroductionSide.Connector ? l["Connector"] : l["Requester"]),
        new(l["Colleague"], CellKind.Text, r => r.Colleague),
        new(l["Purpose"], CellKind.Text, r => introductions.Purpose(r.Purpose)),
        new(l["Company"], CellKind.Text, r => r.Company),
        new(l["Ask or position"], CellKind.Text, r => r.Ask),
        new(l["Requested on"], CellKind.Date, r => r.RequestedOn),
        new(l["State"], CellKind.Text, r => introductions.State(r.State)),
        new(l["Answered on"], CellKind.Date, r => r.RespondedOn),
        new(l["Response (hours)"], CellKind.Hours, r => r.ResponseHours),
        new(l["Introduced on"], CellKind.Date, r => r.IntroducedOn),
        new(l["Outcome"], CellKind.Text, r => r.Outcome == IntroductionOutcome.None ? null : introductions.Outcome(r.Outcome)),
        new(l["Outcome recorded on"], CellKind.Date, r => r.OutcomeOn),
        new(l["Amount won"], CellKind.Amount, r => r.WonAmount, r => r.Currency),
        new(l["Currency"], CellKind.Text, r => r.Currency),
        new(l["Hire start date"], CellKind.Date, r => r.HireStartOn),
    ];

    private static void WriteTable<T>(IXLWorksheet sheet, IReadOnlyList<SheetColumn<T>> columns, IReadOnlyList<T> rows, int freezeColumns)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            SetText(sheet.Cell(1, c + 1), columns[c].Header);
            var texts = new List<string?>(rows.Count + 1) { columns[c].Header };
            for (var r = 0; r < rows.Count; r++)
            {
                var cell = sheet.Cell(r + 2, c + 1);
                var value = columns[c].Value(rows[r]);
                texts.Add(SetValue(cell, columns[c].Kind, value, columns[c].Currency?.Invoke(rows[r])));
            }

            sheet.Column(c + 1).Width = ColumnWidths.Fit(texts);
        }

        var header = sheet.Range(1, 1, 1, columns.Count);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = HeaderFill;
        header.Style.Border.BottomBorder = XLBorderStyleValues.Thin;
        header.Style.Border.BottomBorderColor = HeaderBorder;
        header.Style.Alignment.WrapText = true;
        header.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        sheet.SheetView.Freeze(1, freezeColumns);
        sheet.Range(1, 1, rows.Count + 1, columns.Count).SetAutoFilter();
    }

    /// <summary>Sets a typed cell and returns the text it shows (for the column width).</summary>
    private static string? SetValue(IXLCell cell, CellKind kind, object? value, string? currency)
    {
        switch (kind, value)
        {
            case (_, null):
                return null;
            case (CellKind.Count, int count):
                cell.SetValue(count);
                cell.Style.NumberFormat.Format = "0";
                return count.ToString(CultureInfo.InvariantCulture);
            case (CellKind.Hours, double hours):
                cell.SetValue(Math.Round(hours, 1));
                cell.Style.NumberFormat.Format = "0.0";
                return hours.ToString("0.0", CultureInfo.InvariantCulture);
            case (CellKind.Amount, decimal amount):
                cell.SetValue(amount);
                cell.Style.NumberFormat.Format = CurrencyFormats.NumberFormat(currency);
                return amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
            case (CellKind.Date, DateOnly day):
                cell.SetValue(day.ToDateTime(TimeOnly.MinValue));
                cell.Style.DateFormat.Format = "yyyy-mm-dd";
                return "yyyy-mm-dd";
            default:
                var text = Convert.ToString(value, CultureInfo.InvariantCulture);
                SetText(cell, text);
                return text;
        }
    }

    /// <summary>Typed text, never read as a number, date or formula; formula-like text also gets the quote prefix.</summary>
    private static void SetText(IXLCell cell, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var safe = SpreadsheetText.ForXml(text);
        cell.SetValue(safe);
        cell.DataType = XLDataType.Text;
        if (SpreadsheetText.LooksLikeFormula(safe))
        {
            cell.Style.IncludeQuotePrefix = true;
        }
    }

    private void WriteAbout(IXLWorksheet sheet, HrReviewData data, IReadOnlyCollection<string> chosen, HrReviewContext context)
    {
        var period = data.Period;
        var facts = new (string Label, string Value)[]
        {
            (l["Company"], context.CompanyName),
            (l["Evaluation period"], $"{period.From:yyyy-MM-dd} – {period.To:yyyy-MM-dd}"),
            (l["Department"], data.DepartmentName ?? l["All departments"]),
            (l["Employees"], data.Rows.Count.ToString(CultureInfo.InvariantCulture)),
            (l["Requested by"], context.RequestedBy),
            (l["Made on"], context.MadeAtLocal.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
            (l["Time zone"], period.Zone.Id),
        };
        var row = 1;
        foreach (var (label, value) in facts)
        {
            SetText(sheet.Cell(row, 1), label);
            SetText(sheet.Cell(row, 2), value);
            sheet.Cell(row, 1).Style.Font.Bold = true;
            row++;
        }

        row++;
        SetText(sheet.Cell(row, 1), l["Column"]);
        SetText(sheet.Cell(row, 2), l["What it counts"]);
        var header = sheet.Range(row, 1, row, 2);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = HeaderFill;
        var definitions = HrReviewColumns.All.Where(chosen.Contains).Select(key => (labels.Heading(key), labels.Definition(key))).ToList();
        foreach (var (heading, definition) in definitions)
        {
            row++;
            SetText(sheet.Cell(row, 1), heading);
            SetText(sheet.Cell(row, 2), definition);
        }

        SetText(sheet.Cell(row + 2, 1), l["Private contact details never appear in this workbook: only counts, and the introductions with the company of the person."]);
        sheet.Column(1).Width = ColumnWidths.Fit(facts.Select(f => f.Label).Concat(definitions.Select(d => d.Item1)));
        sheet.Column(2).Width = ColumnWidths.Max;
        sheet.Column(2).Style.Alignment.WrapText = true;
    }
}
