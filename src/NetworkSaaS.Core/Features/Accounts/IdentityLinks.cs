using Microsoft.AspNetCore.Identity;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Accounts;

/// <summary>Roles are platform-defined (the same five in every tenant); which user has which role is tenant data.</summary>
public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
        Id = Guid.CreateVersion7();
    }
}

public sealed class AppRoleClaim : IdentityRoleClaim<Guid>;

public sealed class AppUserRole : IdentityUserRole<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
}

public sealed class AppUserClaim : IdentityUserClaim<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
}

public sealed class AppUserLogin : IdentityUserLogin<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
}

public sealed class AppUserToken : IdentityUserToken<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
}

/// <summary>A WebAuthn credential (passkey) of a user; <see cref="LastUsedAt"/> is ours, the rest is Identity's.</summary>
public sealed class AppUserPasskey : IdentityUserPasskey<Guid>, ITenantOwned
{
    public Guid TenantId { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
