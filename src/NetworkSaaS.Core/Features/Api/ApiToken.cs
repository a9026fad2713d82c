using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Api;

/// <summary>What a token may do on /{tenant}/api/v1. Reading needs <see cref="Read"/>; creating, changing and deleting <see cref="Write"/>.</summary>
[Flags]
public enum ApiScopes
{
    None = 0,
    Read = 1,
    Write = 2,

    /// <summary>Requesting and answering introductions (the introduction endpoints).</summary>
    Introductions = 4,
}

public enum ApiTokenKind
{
    /// <summary>Acts as the user who created it, with that user's roles and contacts.</summary>
    Personal = 1,

    /// <summary>A named system integration of the company, acting with the HR or Admin role; it has no contacts of its own.</summary>
    Company = 2,
}

/// <summary>
/// A bearer token for the REST API: <c>nsa_{token id}_{secret}</c>. Only a SHA-256 hash of the whole token is stored
/// (256 random bits make a slow hash unnecessary); the token names its own row, so checking it is one primary-key read.
/// </summary>
public sealed class ApiToken : ITenantOwned
{
    public const int NameMaxLength = 100;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public ApiTokenKind Kind { get; set; }

    /// <summary>The user a personal token acts as; null for a company token.</summary>
    public Guid? UserId { get; set; }

    /// <summary>The role a company token acts with (HR or Admin); null for a personal token (it has its user's roles).</summary>
    public string? Role { get; set; }

    public ApiScopes Scopes { get; set; }

    /// <summary>Hex SHA-256 of the whole token string.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>
/// The first answer to a create sent with an <c>Idempotency-Key</c> header, per token and key: a retry with the same
/// body gets the same answer again (nothing is created twice); the same key with another body is refused.
/// Rows older than <see cref="Lifetime"/> no longer count and are removed when the token next sends a key.
/// </summary>
public sealed class ApiIdempotencyRecord : ITenantOwned
{
    public const int KeyMaxLength = 200;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public Guid TenantId { get; set; }
    public Guid TokenId { get; set; }
    public required string Key { get; set; }

    /// <summary>Hex SHA-256 of the method, path and body of the first request.</summary>
    public required string RequestHash { get; set; }

    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public byte[]? ResponseBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
