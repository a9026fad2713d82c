using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NetworkSaaS.Core.Data;

namespace NetworkSaaS.Web.Features.Jobs;

/// <summary>
/// The outbox's kick: starts the job that handles rows of <typeparamref name="TOutbox"/> right after the transaction
/// that added them has committed (never before: the job could not see them yet), wherever they were added. With no
/// explicit transaction that is when SaveChanges returns; inside one, when it commits; a rolled-back transaction kicks
/// nothing. If starting the job fails, the rows wait for the periodic sweep of their kind: nothing is lost, only later.
/// </summary>
public abstract class AfterCommitTrigger<TOutbox> : SaveChangesInterceptor, IDbTransactionInterceptor
    where TOutbox : class
{
    /// <summary>Rows each context saved and has not committed yet (a weak table: nothing outlives its context).</summary>
    private readonly ConditionalWeakTable<DbContext, List<TOutbox>> _waiting = [];

    /// <summary>Starts the job for rows the tenant's transaction just committed. Must not throw for a failure to enqueue.</summary>
    protected abstract void Kick(Guid tenantId, IReadOnlyList<TOutbox> committed);

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

    /// <summary>A failed save outside an explicit transaction committed nothing.</summary>
    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        Forget(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && _waiting.TryGetValue(context, out var rows))
        {
            _waiting.Remove(context);
            KickFor(context, rows);
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
        if (eventData.Context is not { } context)
        {
            return;
        }

        var added = context.ChangeTracker.Entries<TOutbox>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count > 0)
        {
            _waiting.GetOrCreateValue(context).AddRange(added);
        }
    }

    private void Forget(DbContextEventData eventData)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context)
        {
            _waiting.Remove(context);
        }
    }

    private void KickIfCommitted(DbContextEventData eventData)
    {
        if (eventData.Context is { Database.CurrentTransaction: null } context && _waiting.TryGetValue(context, out var rows))
        {
            _waiting.Remove(context);
            KickFor(context, rows);
        }
    }

    private void KickFor(DbContext context, List<TOutbox> rows)
    {
        if (context is AppDbContext { CurrentTenantId: var tenantId } && tenantId != Guid.Empty && rows.Count > 0)
        {
            Kick(tenantId, rows.Distinct().ToList());
        }
    }
}
