using Hangfire;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;

namespace NetworkSaaS.Web.Features.Jobs;

/// <summary>
/// How a recurring dispatcher fans out: the jobs of every existing tenant, each taking only the tenant's id. Tenants
/// come and go without registering anything, and a deleted tenant simply gets no more jobs.
/// </summary>
public sealed class TenantFanOut(AppDbContext db, IBackgroundJobClient jobs)
{
    /// <returns>How many tenants <paramref name="enqueue"/> ran for.</returns>
    public Task<int> EnqueueForEachTenantAsync(Action<IBackgroundJobClient, Guid> enqueue)
    {
        ArgumentNullException.ThrowIfNull(enqueue);
        return EnqueueForTenantBatchesAsync(1, (client, batch) => enqueue(client, batch[0]));
    }

    /// <summary>The same for jobs that each take up to <paramref name="perJob"/> tenants (in the order of their ids).</summary>
    /// <returns>How many tenants the batches hold.</returns>
    public async Task<int> EnqueueForTenantBatchesAsync(int perJob, Action<IBackgroundJobClient, Guid[]> enqueue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perJob, 1);
        ArgumentNullException.ThrowIfNull(enqueue);
        var tenantIds = await db.Tenants.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).ToListAsync().ConfigureAwait(false);
        foreach (var batch in tenantIds.Chunk(perJob))
        {
            enqueue(jobs, batch);
        }

        return tenantIds.Count;
    }
}
