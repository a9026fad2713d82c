namespace NetworkSaaS.Web.Features.Tenancy;

public static class TenantClaimTypes
{
    public const string TenantId = "tenant_id";
    public const string TenantSlug = "tenant_slug";
    public const string DisplayName = "display_name";
    public const string Culture = "culture";
}
