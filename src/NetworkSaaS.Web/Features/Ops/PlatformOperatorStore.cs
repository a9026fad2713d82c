using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Platform;

namespace NetworkSaaS.Web.Features.Ops;

/// <summary>
/// Identity's store for <see cref="PlatformOperator"/> (platform_operators, outside every tenant): what
/// <see cref="UserManager{TUser}"/> needs for password hashing, lockout and the RFC 6238 authenticator. The user name
/// is the email.
/// </summary>
public sealed class PlatformOperatorStore(AppDbContext db, IDataProtectionProvider dataProtection) :
    IUserPasswordStore<PlatformOperator>,
    IUserEmailStore<PlatformOperator>,
    IUserSecurityStampStore<PlatformOperator>,
    IUserLockoutStore<PlatformOperator>,
    IUserTwoFactorStore<PlatformOperator>,
    IUserAuthenticatorKeyStore<PlatformOperator>
{
    public Task<string> GetUserIdAsync(PlatformOperator user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).Id.ToString());

    public Task<string?> GetUserNameAsync(PlatformOperator user, CancellationToken cancellationToken) => Task.FromResult<string?>(Checked(user).Email);

    public Task SetUserNameAsync(PlatformOperator user, string? userName, CancellationToken cancellationToken) => SetEmailAsync(user, userName, cancellationToken);

    public Task<string?> GetNormalizedUserNameAsync(PlatformOperator user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(Checked(user).NormalizedEmail);

    public Task SetNormalizedUserNameAsync(PlatformOperator user, string? normalizedName, CancellationToken cancellationToken) =>
        SetNormalizedEmailAsync(user, normalizedName, cancellationToken);

    public async Task<IdentityResult> CreateAsync(PlatformOperator user, CancellationToken cancellationToken)
    {
        db.PlatformOperators.Add(Checked(user));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(PlatformOperator user, CancellationToken cancellationToken)
    {
        Checked(user).ConcurrencyStamp = Guid.NewGuid().ToString();
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return IdentityResult.Success;
        }
        catch (DbUpdateConcurrencyException)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }
    }

    public Task<IdentityResult> DeleteAsync(PlatformOperator user, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Operators are removed by the database owner, not by the app (the app role may not delete them).");

    public async Task<PlatformOperator?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Guid.TryParse(userId, out var id)
            ? await db.PlatformOperators.FirstOrDefaultAsync(o => o.Id == id, cancellationToken).ConfigureAwait(false)
            : null;

    public Task<PlatformOperator?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindByEmailAsync(normalizedUserName, cancellationToken);

    public Task<PlatformOperator?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.PlatformOperators.FirstOrDefaultAsync(o => o.NormalizedEmail == normalizedEmail, cancellationToken);

    public Task SetEmailAsync(PlatformOperator user, string? email, CancellationToken cancellationToken)
    {
        Checked(user).Email = email ?? throw new ArgumentNullException(nameof(email));
        return Task.CompletedTask;
    }

    public Task<string?> GetEmailAsync(PlatformOperator user, CancellationToken cancellationToken) => Task.FromResult<string?>(Checked(user).Email);

    // Operators are made by someone with access to the server, for an address they name: nothing to confirm by mail.
    public Task<bool> GetEmailConfirmedAsync(PlatformOperator user, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task SetEmailConfirmedAsync(PlatformOperator user, bool confirmed, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string?> GetNormalizedEmailAsync(PlatformOperator user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(Checked(user).NormalizedEmail);

    public Task SetNormalizedEmailAsync(PlatformOperator user, string? normalizedEmail, CancellationToken cancellationToken)
    {
        Checked(user).NormalizedEmail = normalizedEmail ?? throw new ArgumentNullException(nameof(normalizedEmail));
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(PlatformOperator user, string? passwordHash, CancellationToken cancellationToken)
    {
        Checked(user).PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(PlatformOperator user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).PasswordHash);

    public Task<bool> HasPasswordAsync(PlatformOperator user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).PasswordHash is not null);

    public Task SetSecurityStampAsync(PlatformOperator user, string stamp, CancellationToken cancellationToken)
    {
        Checked(user).SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(PlatformOperator user, CancellationToken cancellationToken) => Task.FromResult<string?>(Checked(user).SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(PlatformOperator user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).LockoutEnd);

    public Task SetLockoutEndDateAsync(PlatformOperator user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        Checked(user).LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(PlatformOperator user, CancellationToken cancellationToken) =>
        Task.FromResult(++Checked(user).AccessFailedCount);

    public Task ResetAccessFailedCountAsync(PlatformOperator user, CancellationToken cancellationToken)
    {
        Checked(user).AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(PlatformOperator user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(PlatformOperator user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).LockoutEnabled);

    public Task SetLockoutEnabledAsync(PlatformOperator user, bool enabled, CancellationToken cancellationToken)
    {
        Checked(user).LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task SetTwoFactorEnabledAsync(PlatformOperator user, bool enabled, CancellationToken cancellationToken)
    {
        Checked(user).TwoFactorEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task<bool> GetTwoFactorEnabledAsync(PlatformOperator user, CancellationToken cancellationToken) => Task.FromResult(Checked(user).TwoFactorEnabled);

    public Task SetAuthenticatorKeyAsync(PlatformOperator user, string key, CancellationToken cancellationToken)
    {
        Checked(user).AuthenticatorKey = AuthenticatorKeys.Protect(key);
        return Task.CompletedTask;
    }

    public Task<string?> GetAuthenticatorKeyAsync(PlatformOperator user, CancellationToken cancellationToken) =>
        Task.FromResult(Checked(user).AuthenticatorKey is { } stored ? AuthenticatorKeys.Unprotect(stored) : null);

    private IDataProtector AuthenticatorKeys => dataProtection.CreateProtector("NetworkSaaS.PlatformOperator.AuthenticatorKey");

    public void Dispose()
    {
    }

    private static PlatformOperator Checked(PlatformOperator user) => user ?? throw new ArgumentNullException(nameof(user));
}
