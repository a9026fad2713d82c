using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Jobs;
using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Web.Features.Exports;

/// <summary>
/// Makes the file of one export request. Idempotent, keyed by the request's id: a run first claims the request
/// (queued or running → running), writes into a temp file of its own, and commits it with the completion under a lock
/// on the request (<see cref="ExportStore.CommitAsync"/>). A retried or duplicated run of a completed, cancelled or
/// expired export does nothing; two runs at once both write, only the first commits. A cancelled export stops at its
/// next progress update and its temp file is deleted. Failures are retried by Hangfire; after
/// <see cref="MaxAttempts"/> runs the export is marked failed and its owner notified.
/// </summary>
public sealed partial class ExportJob(
    AppDbContext db,
    ITenantContextAccessor tenantContext,
    IServiceScopeFactory scopeFactory,
    IEnumerable<IExportWriter> writers,
    ExportStore store,
    NotificationCenter notifications,
    TimeProvider clock,
    ILogger<ExportJob> logger) : ITenantJob
{
    public const int MaxAttempts = 3;

    [AutomaticRetry(Attempts = MaxAttempts - 1)]
    public async Task RunAsync(Guid tenantId, Guid exportId, CancellationToken cancellationToken)
    {
        var tenant = tenantContext.Tenant;
        if (tenant is null)
        {
            return;
        }

        var request = await ClaimAsync(exportId, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            LogNothingToDo(logger, tenantId, exportId);
            return;
        }

        var temp = ExportTempFiles.NewPath(exportId);
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(request.Culture);
            ExportOutput output;
            await using (var progress = new ExportProgress(scopeFactory, tenant, exportId))
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024))
            {
                // The last registered writer of a kind wins, as with any service registered twice.
                var writer = writers.Last(w => w.Writes(request.Kind));
                output = await writer.WriteAsync(request, tenant, file, progress, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            var committed = await store.CommitAsync(exportId, temp, output, cancellationToken).ConfigureAwait(false);
            LogFinished(logger, tenantId, exportId, committed, output.Rows);
        }
        catch (ExportStoppedException)
        {
            LogStopped(logger, tenantId, exportId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (!await RecordFailureAsync(exportId, e, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            ExportTempFiles.Delete(temp);
        }
    }

    /// <summary>Queued or running (a run that crashed, or a duplicate) → running, one more attempt; anything else is left alone.</summary>
    private async Task<ExportRequest?> ClaimAsync(Guid exportId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await db.ExportRequests
            .Where(e => e.Id == exportId && (e.Status == ExportStatus.Queued || e.Status == ExportStatus.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, ExportStatus.Running)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1)
                .SetProperty(e => e.StartedAt, e => e.StartedAt ?? now), cancellationToken)
            .ConfigureAwait(false);
        return claimed == 0 ? null : await db.ExportRequests.AsNoTracking().FirstAsync(e => e.Id == exportId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Puts a failed run's export back in the queue for Hangfire's retry, or — after the last attempt — marks it failed
    /// and tells its owner. Returns whether the failure is final (then the job ends without a retry).
    /// </summary>
    private async Task<bool> RecordFailureAsync(Guid exportId, Exception failure, CancellationToken cancellationToken)
    {
        LogFailed(logger, failure, exportId);
        db.ChangeTracker.Clear();
        var request = await db.ExportRequests.FirstOrDefaultAsync(e => e.Id == exportId, cancellationToken).ConfigureAwait(false);
        if (request is not { Status: ExportStatus.Running })
        {
            return true;
        }

        var final = request.Attempts >= MaxAttempts;
        request.Status = final ? ExportStatus.Failed : ExportStatus.Queued;
        request.Failure = failure.GetType().Name;
        if (final)
        {
            notifications.Notify(request.OwnerId, NotificationKinds.ExportFailed);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return final;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {ExportId} of tenant {TenantId} is not queued or running: nothing to do.")]
    private static partial void LogNothingToDo(ILogger logger, Guid tenantId, Guid exportId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {ExportId} of tenant {TenantId} stopped: it was cancelled or finished by another run.")]
    private static partial void LogStopped(ILogger logger, Guid tenantId, Guid exportId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {ExportId} of tenant {TenantId} written ({Rows} rows); committed by this run: {Committed}.")]
    private static partial void LogFinished(ILogger logger, Guid tenantId, Guid exportId, bool committed, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export {ExportId} failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid exportId);
}
