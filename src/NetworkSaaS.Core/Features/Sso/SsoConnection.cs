using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Sso;

/// <summary>
/// A company's OpenID Connect identity provider (Entra ID, Google Workspace, Okta, …): where it is, how we are
/// registered with it, which email domains it signs in and which of its claims carry our fields.
/// </summary>
public sealed class SsoConnection : ITenantOwned
{
    public const int NameMaxLength = 100;
    public const int UrlMaxLength = 500;
    public const int ClientIdMaxLength = 200;
    public const int ClaimMaxLength = 100;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>What admins and the sign-in page call it ("Entra ID").</summary>
    public required string Name { get; set; }

    /// <summary>The issuer (authority): its /.well-known/openid-configuration is read for endpoints and signing keys.</summary>
    public required string Authority { get; set; }

    public required string ClientId { get; set; }

    /// <summary>The client secret as the data-protection keys protect it; never shown again once saved.</summary>
    public required string ProtectedClientSecret { get; set; }

    public string EmailClaim { get; set; } = "email";
    public string NameClaim { get; set; } = "name";
    public string? KanaClaim { get; set; }
    public string? DepartmentClaim { get; set; }
    public string? TitleClaim { get; set; }

    /// <summary>The claim listing the user's groups; their roles follow the directory group → role mapping.</summary>
    public string? GroupsClaim { get; set; }

    /// <summary>Off until the admin turns it on (after a successful test).</summary>
    public bool IsEnabled { get; set; }

    /// <summary>A first sign-in of an unknown address of a covered domain creates the user (as Employee).</summary>
    public bool JitProvisioning { get; set; } = true;

    /// <summary>Password sign-in, password reset and MFA enrollment are refused for covered domains (break-glass Admins excepted).</summary>
    public bool SsoRequired { get; set; }

    /// <summary>Goes up on every change: the authentication scheme's name carries it, so every process builds fresh options.</summary>
    public int Version { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastTestedAt { get; set; }

    public List<SsoDomain> Domains { get; set; } = [];
}

/// <summary>
/// An email domain a connection signs in. A domain belongs to one company only: the unique index on the domain alone
/// (not per tenant) makes a second company's claim fail even though row-level security hides the first one's row.
/// </summary>
public sealed class SsoDomain : ITenantOwned
{
    public const int MaxLength = 253;

    public Guid TenantId { get; set; }
    public required string Domain { get; set; }
    public Guid ConnectionId { get; set; }
}
