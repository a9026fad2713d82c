using System.Globalization;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Exports;

/// <summary>Localized names of the export vocabulary.</summary>
public sealed class ExportLabels(IStringLocalizer<SharedResource> l)
{
    public string Kind(ExportKind kind) => kind switch
    {
        ExportKind.HrReview => l["HR review workbook"],
        ExportKind.CompanyContacts => l["Company contacts (shared)"],
        _ => l["My contacts"],
    };

    public static string Format(ExportFormat format) => format == ExportFormat.Csv ? "CSV" : "Excel (xlsx)";

    public string Status(ExportStatus status) => status switch
    {
        ExportStatus.Queued => l["Queued"],
        ExportStatus.Running => l["Running"],
        ExportStatus.Completed => l["Ready"],
        ExportStatus.Failed => l["Failed"],
        ExportStatus.Cancelled => l["Cancelled"],
        _ => l["Expired"],
    };

    /// <summary>What the export covers, for the history (period and department of an HR review).</summary>
    public string Scope(ExportRequest export, IReadOnlyDictionary<Guid, string> departments)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(departments);
        if (export is not { Kind: ExportKind.HrReview, PeriodFrom: { } from, PeriodTo: { } to })
        {
            return "";
        }

        var department = export.DepartmentId is { } id ? departments.GetValueOrDefault(id, "") : l["All departments"];
        return string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd} – {to:yyyy-MM-dd} · {department}");
    }

    public static string Size(long? bytes) => bytes switch
    {
        null => "",
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB"),
    };
}
