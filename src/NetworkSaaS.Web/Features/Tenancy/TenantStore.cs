using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Tenancy;

/// <summary>Finds tenants by slug or id (the tenants table is readable without a tenant), with a short cache.</summary>
public sealed class TenantStore(IServiceScopeFactory scopeFactory, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<ITenantInfo?> FindBySlugAsync(string slug, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slug);
        if (!TenantSlug.HasValidShape(slug))
        {
            return null;
        }

        return await cache.GetOrCreateAsync(("tenant-slug", slug), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await QueryAsync(t => t.Slug == slug, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public Task<ITenantInfo?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default) =>
        QueryAsync(t => t.Id == id, cancellationToken);

    public void Forget(ITenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        cache.Remove(("tenant-slug", tenant.Slug));
    }

    private async Task<ITenantInfo?> QueryAsync(System.Linq.Expressions.Expression<Func<Tenant, bool>> predicate, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Tenants.AsNoTracking().FirstOrDefaultAsync(predicate, cancellationToken).ConfigureAwait(false);
    }
}
