using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Accounts;

/// <summary>An emailed invitation to join a tenant. Only the SHA-256 of the token is stored.</summary>
public sealed class Invitation : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public List<string> Roles { get; set; } = [];
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public Guid InvitedByUserId { get; set; }
    public AppUser? InvitedBy { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsOpenAt(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && ExpiresAt > now;
}
