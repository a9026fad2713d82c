using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Accounts;

/// <summary>
/// One sign-in of a user on one device. Its id travels in the auth cookie; the cookie is honoured only while this row
/// is neither revoked nor past <see cref="ExpiresAt"/>, so ending a session ends it on the server.
/// </summary>
public sealed class UserSession : ITenantOwned
{
    public const int IpAddressMaxLength = 45;
    public const int UserAgentMaxLength = 512;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last request seen with this session, written at most once a minute.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Absolute end of the session, however active it is (12 hours, or 30 days with "keep me signed in").</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public bool IsPersistent { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
