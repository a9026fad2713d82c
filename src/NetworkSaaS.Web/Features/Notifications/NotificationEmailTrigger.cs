using System.Data.Common;
using System.Runtime.CompilerServices;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Notifications;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>
/// Starts a <see cref="NotificationEmailJob"/> for the tenant right after a transaction that added notification emails
/// has committed (never before: the job could not see them yet), wherever the notification was made. With no explicit
/// transaction that is when SaveChanges returns; inside one, when it commits. If enqueueing fails, the mails wait for
/// the periodic <see cref="NotificationEmailSweep"/>: nothing is lost, only later.
/// </summary>
public sealed partial class NotificationEmailTrigger(IBackgroundJobClient jobs, ILogger<NotificationEmailTrigger> logger)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Contexts that saved outbox rows not yet committed (a weak table: nothing outlives its context).</summary>
    private readonly ConditionalWeakTable<DbContext, object> _waiting = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        KickIfCommitted(eventData);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        KickIfCommitted(eventData);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && _waiting.Remove(context))
        {
            Kick(context);
        }
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            _waiting.Remove(context);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private void Note(DbContextEventData eventData)
    {
        if (eventData.Context is { } context && context.ChangeTracker.Entries<NotificationEmail>().Any(e => e.State == EntityState.Added))
        {
            _waiting.AddOrUpdate(context, this);
        }
    }

    private void KickIfCommitted(DbContextEventData eventData)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context && _waiting.Remove(context))
        {
            Kick(context);
        }
    }

    private void Kick(DbContext context)
    {
        if (context is not AppDbContext { CurrentTenantId: var tenantId } || tenantId == Guid.Empty)
        {
            return;
        }

        try
        {
            jobs.Enqueue<NotificationEmailJob>(j => j.RunAsync(tenantId, CancellationToken.None));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEnqueueFailed(logger, e, tenantId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not enqueue the notification emails of tenant {TenantId}; the periodic sweep will send them.")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception, Guid tenantId);
}
