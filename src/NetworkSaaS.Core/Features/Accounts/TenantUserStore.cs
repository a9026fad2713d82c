using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;

namespace NetworkSaaS.Core.Features.Accounts;

/// <summary>
/// Identity's EF store over tenant-keyed tables. Identity looks rows up with FindAsync by the single id; our keys
/// are (tenant_id, …), so those lookups become filtered queries (the tenant filter and RLS do the rest).
/// </summary>
public sealed class TenantUserStore(AppDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, AppRole, AppDbContext, Guid, AppUserClaim, AppUserRole, AppUserLogin, AppUserToken, AppRoleClaim>(context, describer)
{
    private const string RecoveryCodeProvider = "[AspNetUserStore]";
    private const string RecoveryCodeName = "RecoveryCodes";
    private static readonly PasswordHasher<AppUser> RecoveryCodeHasher = new();

    public override Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        return Guid.TryParse(userId, out var id)
            ? Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            : Task.FromResult<AppUser?>(null);
    }

    protected override Task<AppUserRole?> FindUserRoleAsync(Guid userId, Guid roleId, CancellationToken cancellationToken) =>
        Context.Set<AppUserRole>().FirstOrDefaultAsync(r => r.UserId == userId && r.RoleId == roleId, cancellationToken);

    protected override Task<AppUserToken?> FindTokenAsync(AppUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Context.Set<AppUserToken>()
            .FirstOrDefaultAsync(t => t.UserId == user.Id && t.LoginProvider == loginProvider && t.Name == name, cancellationToken);
    }

    /// <summary>
    /// Recovery codes are stored hashed like passwords (salted PBKDF2), not as text: a database dump does not hand out
    /// codes that bypass the second factor. Same token row and separator as Identity's, so counting works unchanged.
    /// </summary>
    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recoveryCodes);
        return SetTokenAsync(user, RecoveryCodeProvider, RecoveryCodeName, string.Join(';', recoveryCodes.Select(code => RecoveryCodeHasher.HashPassword(user, code))), cancellationToken);
    }

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var hashes = ((await GetTokenAsync(user, RecoveryCodeProvider, RecoveryCodeName, cancellationToken).ConfigureAwait(false)) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries);
        var match = Array.FindIndex(hashes, hash => RecoveryCodeHasher.VerifyHashedPassword(user, hash, code) != PasswordVerificationResult.Failed);
        if (match < 0)
        {
            return false;
        }

        await SetTokenAsync(user, RecoveryCodeProvider, RecoveryCodeName, string.Join(';', hashes.Where((_, i) => i != match)), cancellationToken).ConfigureAwait(false);
        return true;
    }

    protected override Task<AppUserLogin?> FindUserLoginAsync(string loginProvider, string providerKey, CancellationToken cancellationToken) =>
        Context.Set<AppUserLogin>().FirstOrDefaultAsync(l => l.LoginProvider == loginProvider && l.ProviderKey == providerKey, cancellationToken);
}

public sealed class AppRoleStore(AppDbContext context, IdentityErrorDescriber? describer = null)
    : RoleStore<AppRole, AppDbContext, Guid, AppUserRole, AppRoleClaim>(context, describer);
