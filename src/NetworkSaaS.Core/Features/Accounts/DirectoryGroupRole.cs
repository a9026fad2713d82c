using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Accounts;

/// <summary>
/// "Members of this directory group hold this role": the company's identity provider (SSO groups claim) and its
/// SCIM Groups decide the roles named in these rows; roles no row names stay assigned by hand.
/// </summary>
public sealed class DirectoryGroupRole : ITenantOwned
{
    public const int GroupMaxLength = 256;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The group as the directory sends it: its display name or its object id (Entra ID sends ids in tokens).</summary>
    public required string GroupName { get; set; }

    public required string Role { get; set; }
}
