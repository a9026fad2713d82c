using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Jobs;

namespace NetworkSaaS.Web.Features.Contacts.Import;

/// <summary>Imports a large file in the background. Retries resume from the batch's progress counter.</summary>
public sealed class ImportContactsJob(AppDbContext db, ContactImporter importer, ITenantContextAccessor tenantContext) : ITenantJob
{
    [Hangfire.AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid tenantId, Guid batchId, CancellationToken cancellationToken)
    {
        if (tenantContext.Tenant is null)
        {
            return;
        }

        var batch = await db.ImportBatches.FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch is null || batch.Status == ImportStatus.Completed)
        {
            return;
        }

        try
        {
            await importer.RunAsync(batch, cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            db.ChangeTracker.Clear();
            var failed = await db.ImportBatches.FirstAsync(b => b.Id == batchId, cancellationToken);
            failed.Status = ImportStatus.Failed;
            failed.Failure = e.GetType().Name;
            await db.SaveChangesAsync(cancellationToken);
            throw;
        }
    }
}
