using Microsoft.AspNetCore.Identity;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Web.Features.Accounts.Mfa;

/// <summary>
/// Enrolling and removing an authenticator app through Identity's own support: the key and recovery codes live in the
/// (tenant-scoped) user tokens, codes are checked by Identity's authenticator token provider (RFC 6238).
/// </summary>
public sealed class AuthenticatorEnrollment(UserManager<AppUser> users)
{
    public const int RecoveryCodeCount = 10;

    public string ProviderName => users.Options.Tokens.AuthenticatorTokenProvider;

    /// <summary>A fresh key for a user who is not enrolled (it only takes effect once a code from it is verified).</summary>
    public async Task<string> NewKeyAsync(AppUser user)
    {
        (await users.ResetAuthenticatorKeyAsync(user)).ThrowIfFailed();
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    public Task<string?> KeyAsync(AppUser user) => users.GetAuthenticatorKeyAsync(user);

    public Task<bool> IsValidCodeAsync(AppUser user, string? code) =>
        Normalize(code) is { Length: > 0 } digits
            ? users.VerifyTwoFactorTokenAsync(user, ProviderName, digits)
            : Task.FromResult(false);

    /// <summary>Turns two-factor sign-in on after a verified code; returns the recovery codes to show once.</summary>
    public async Task<IReadOnlyList<string>> EnableAsync(AppUser user)
    {
        (await users.SetTwoFactorEnabledAsync(user, true)).ThrowIfFailed();
        return await NewRecoveryCodesAsync(user);
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(AppUser user) =>
        [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];

    public Task<int> RecoveryCodesLeftAsync(AppUser user) => users.CountRecoveryCodesAsync(user);

    /// <summary>Two-factor sign-in off, the key replaced (the old app's codes stop working) and recovery codes removed.</summary>
    public async Task TurnOffAsync(AppUser user)
    {
        (await users.SetTwoFactorEnabledAsync(user, false)).ThrowIfFailed();
        (await users.ResetAuthenticatorKeyAsync(user)).ThrowIfFailed();
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
    }

    /// <summary>Codes as typed: spaces and dashes removed (apps show "123 456").</summary>
    public static string Normalize(string? code) =>
        (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
}
