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
    : UserStore<AppUser, AppRole, AppDbContext, Guid, AppUserClaim, AppUserRole, AppUserLogin, AppUserToken, AppRoleClaim, AppUserPasskey>(context, describer)
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

    // Identity's passkey methods look passkeys up by the credential id alone (FindAsync-style), which our
    // (tenant_id, credential_id) key does not allow; these are the same operations as tenant-filtered queries.
    public override async Task AddOrUpdatePasskeyAsync(AppUser user, UserPasskeyInfo passkey, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(passkey);
        var existing = await FindUserPasskeyAsync(user.Id, passkey.CredentialId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            Context.UserPasskeys.Add(new AppUserPasskey
            {
                TenantId = user.TenantId,
                UserId = user.Id,
                CredentialId = passkey.CredentialId,
                Data = new IdentityPasskeyData
                {
                    PublicKey = passkey.PublicKey,
                    Name = passkey.Name,
                    CreatedAt = passkey.CreatedAt,
                    SignCount = passkey.SignCount,
                    Transports = passkey.Transports,
                    IsUserVerified = passkey.IsUserVerified,
                    IsBackupEligible = passkey.IsBackupEligible,
                    IsBackedUp = passkey.IsBackedUp,
                    AttestationObject = passkey.AttestationObject,
                    ClientDataJson = passkey.ClientDataJson,
                },
            });
        }
        else
        {
            existing.Data.Name = passkey.Name;
            existing.Data.SignCount = passkey.SignCount;
            existing.Data.IsBackedUp = passkey.IsBackedUp;
            existing.Data.IsUserVerified = passkey.IsUserVerified;
        }

        await SaveChanges(cancellationToken).ConfigureAwait(false);
    }

    public override async Task<IList<UserPasskeyInfo>> GetPasskeysAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        var passkeys = await Context.UserPasskeys.AsNoTracking().Where(p => p.UserId == user.Id)
            .OrderBy(p => p.Data.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        return passkeys.Select(ToInfo).ToList();
    }

    public override async Task<AppUser?> FindByPasskeyIdAsync(byte[] credentialId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(credentialId);
        var userId = await Context.UserPasskeys.Where(p => p.CredentialId == credentialId).Select(p => (Guid?)p.UserId)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return userId is { } id ? await Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false) : null;
    }

    public override async Task<UserPasskeyInfo?> FindPasskeyAsync(AppUser user, byte[] credentialId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(credentialId);
        var passkey = await FindUserPasskeyAsync(user.Id, credentialId, cancellationToken).ConfigureAwait(false);
        return passkey is null ? null : ToInfo(passkey);
    }

    public override async Task RemovePasskeyAsync(AppUser user, byte[] credentialId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(credentialId);
        var passkey = await FindUserPasskeyAsync(user.Id, credentialId, cancellationToken).ConfigureAwait(false);
        if (passkey is not null)
        {
            Context.UserPasskeys.Remove(passkey);
            await SaveChanges(cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<AppUserPasskey?> FindUserPasskeyAsync(Guid userId, byte[] credentialId, CancellationToken cancellationToken) =>
        Context.UserPasskeys.FirstOrDefaultAsync(p => p.UserId == userId && p.CredentialId == credentialId, cancellationToken);

    private static UserPasskeyInfo ToInfo(AppUserPasskey passkey) =>
        new(passkey.CredentialId, passkey.Data.PublicKey, passkey.Data.CreatedAt, passkey.Data.SignCount, passkey.Data.Transports,
            passkey.Data.IsUserVerified, passkey.Data.IsBackupEligible, passkey.Data.IsBackedUp, passkey.Data.AttestationObject,
            passkey.Data.ClientDataJson)
        {
            Name = passkey.Data.Name,
        };
}

public sealed class AppRoleStore(AppDbContext context, IdentityErrorDescriber? describer = null)
    : RoleStore<AppRole, AppDbContext, Guid, AppUserRole, AppRoleClaim>(context, describer);
