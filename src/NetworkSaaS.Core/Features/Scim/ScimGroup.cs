using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Scim;

/// <summary>A group the company's directory pushes over SCIM; its members' roles follow the directory group → role mapping.</summary>
public sealed class ScimGroup : ITenantOwned
{
    public const int DisplayNameMaxLength = 256;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string DisplayName { get; set; }
    public string? ExternalId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastModifiedAt { get; set; }

    /// <summary>Renewed on every change: the SCIM ETag (If-Match) and EF's concurrency token.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<ScimGroupMember> Members { get; set; } = [];
}

public sealed class ScimGroupMember : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid GroupId { get; set; }
    public Guid UserId { get; set; }
}
