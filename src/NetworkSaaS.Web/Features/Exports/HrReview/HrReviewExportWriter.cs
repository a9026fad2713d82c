using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Exports.HrReview;

/// <summary>Makes the HR review workbook of an export request (audit-logged: it is personnel evaluation data).</summary>
public sealed class HrReviewExportWriter(AppDbContext db, HrReviewQuery query, HrReviewWorkbook workbook, TimeProvider clock) : IExportWriter
{
    public bool Writes(ExportKind kind) => kind == ExportKind.HrReview;

    public async Task<ExportOutput> WriteAsync(ExportRequest request, ITenantInfo tenant, Stream output, ExportProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(progress);
        if (request is not { PeriodFrom: { } from, PeriodTo: { } to })
        {
            throw new InvalidOperationException($"HR review export {request.Id} has no period.");
        }

        var period = HrReviewPeriod.For(tenant, from, to);
        var data = await query.LoadAsync(period, request.DepartmentId, cancellationToken).ConfigureAwait(false);
        await progress.SetTotalAsync(data.Rows.Count, cancellationToken).ConfigureAwait(false);
        var requestedBy = await db.Users.Where(u => u.Id == request.OwnerId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        workbook.Write(data, request.Columns, new HrReviewContext(tenant.Name, requestedBy ?? "", TenantClock.Now(tenant, clock)), output);
        await progress.ReportNowAsync(data.Rows.Count, cancellationToken).ConfigureAwait(false);

        var fileName = string.Create(CultureInfo.InvariantCulture, $"networksaas-hr-review-{from:yyyyMMdd}-{to:yyyyMMdd}.xlsx");
        var audit = new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorUserId = request.OwnerId,
            Action = AuditActions.HrReviewExported,
            Subject = string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd} – {to:yyyy-MM-dd}, {data.DepartmentName ?? "all departments"}"),
            Details = string.Create(CultureInfo.InvariantCulture, $"{data.Rows.Count} employees, {data.Introductions.Count} introduction rows ({fileName}, export {request.Id})"),
        };
        return new ExportOutput(fileName, data.Rows.Count, audit);
    }
}
