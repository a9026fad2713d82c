using Microsoft.AspNetCore.Identity;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Accounts;

/// <summary>A person of a tenant who signs in. The same email may exist in two tenants as two users.</summary>
public sealed class AppUser : IdentityUser<Guid>, ITenantOwned
{
    public AppUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public Guid TenantId { get; set; }
    public string DisplayName { get; set; } = "";

    /// <summary>Reading of the display name (kana for Japanese names), used for sorting and search.</summary>
    public string? DisplayNameKana { get; set; }

    public Guid? DepartmentId { get; set; }
    public Department? Department { get; set; }
    public string? Title { get; set; }

    /// <summary>The user's own language; null means the tenant's default.</summary>
    public string? Culture { get; set; }

    public List<string> ExpertiseTags { get; set; } = [];
    public bool IsActive { get; set; } = true;

    /// <summary>Family and given name as the company's directory sends them (the display name is built from them).</summary>
    public string? FamilyName { get; set; }

    public string? GivenName { get; set; }

    /// <summary>The id the company's directory knows this user by (SCIM externalId).</summary>
    public string? ExternalId { get; set; }

    /// <summary>The user's manager as the company's directory says (SCIM enterprise extension): the proposed successor when they leave.</summary>
    public Guid? ManagerId { get; set; }

    /// <summary>
    /// When the company's directory deleted the user over SCIM. They stay deactivated with their data kept (their
    /// relationships are the company's), and SCIM answers 404 for them from then on.
    /// </summary>
    public DateTimeOffset? DirectoryDeletedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
