using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Jobs;

namespace NetworkSaaS.Web.Features.Contacts.Import;

/// <summary>
/// Uploaded files hold third parties' personal data: a file previewed but never imported is deleted after a day,
/// and the file of a failed import is dropped after a week (its counters stay for the history). Bulk changes past their
/// undo period go too: a bulk delete's record holds the deleted contacts.
/// </summary>
public sealed class AbandonedImportCleanupJob(AppDbContext db, ITenantContextAccessor tenantContext, TimeProvider clock) : ITenantJob
{
    public static readonly TimeSpan PreviewKeptFor = TimeSpan.FromDays(1);
    public static readonly TimeSpan FailedFileKeptFor = TimeSpan.FromDays(7);

    public async Task<int> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (tenantContext.Tenant is null)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var previewCutoff = now - PreviewKeptFor;
        var failedCutoff = now - FailedFileKeptFor;
        var deleted = await db.ImportBatches
            .Where(b => b.Status == ImportStatus.Previewed && b.CreatedAt < previewCutoff)
            .ExecuteDeleteAsync(cancellationToken);
        var emptied = await db.ImportBatches
            .Where(b => b.Status == ImportStatus.Failed && b.Content != null && b.CreatedAt < failedCutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Content, (byte[]?)null), cancellationToken);
        var bulkCutoff = now - Triage.BulkChanges.UndoableFor;
        var expired = await db.BulkChanges.Where(b => b.CreatedAt < bulkCutoff).ExecuteDeleteAsync(cancellationToken);
        return deleted + emptied + expired;
    }
}
