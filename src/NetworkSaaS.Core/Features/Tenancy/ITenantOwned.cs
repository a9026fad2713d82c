namespace NetworkSaaS.Core.Features.Tenancy;

/// <summary>
/// Marks an entity whose rows belong to one tenant. The DbContext applies the "Tenant" query filter and
/// stamps <see cref="TenantId"/> on insert; the database enforces the same with row-level security.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
