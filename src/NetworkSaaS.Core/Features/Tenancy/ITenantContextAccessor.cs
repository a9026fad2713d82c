namespace NetworkSaaS.Core.Features.Tenancy;

/// <summary>The tenant of the current request or job. Scoped: set once by the resolver or the job activator.</summary>
public interface ITenantContextAccessor
{
    ITenantInfo? Tenant { get; }

    void SetTenant(ITenantInfo tenant);
}

public sealed class TenantContextAccessor : ITenantContextAccessor
{
    public ITenantInfo? Tenant { get; private set; }

    public void SetTenant(ITenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (Tenant is not null && Tenant.Id != tenant.Id)
        {
            throw new TenantMismatchException("The tenant of this scope is already set to another tenant.");
        }

        Tenant = tenant;
    }
}
