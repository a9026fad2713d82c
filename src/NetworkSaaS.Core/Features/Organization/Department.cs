using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Organization;

/// <summary>A department of the tenant company (営業部, Sales, …); managers see their department's data.</summary>
public sealed class Department : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public int SortOrder { get; set; }
}
