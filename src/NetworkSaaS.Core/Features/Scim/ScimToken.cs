using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Scim;

/// <summary>
/// A bearer token the company's directory (Entra ID, Okta) uses on /{tenant}/scim/v2. Only a SHA-256 hash of the
/// secret is stored; the token names its own row (see ScimTokenFormat), so checking it is one primary-key read.
/// </summary>
public sealed class ScimToken : ITenantOwned
{
    public const int NameMaxLength = 100;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }

    /// <summary>Hex SHA-256 of the whole token string.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
