using System.Globalization;
using Microsoft.AspNetCore.Identity;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Web.Features.Accounts.Mfa;

/// <summary>
/// Identity's authenticator (RFC 6238) codes, each usable once: a code that was accepted is refused again while it
/// could still be valid (Identity accepts a few 30-second steps either side). The used codes are kept with the user's
/// tokens, so every web process sees them.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider clock) : AuthenticatorTokenProvider<AppUser>
{
    private const string LoginProvider = "[NetworkSaaS]";
    private const string UsedCodesName = "UsedAuthenticatorCodes";
    private static readonly TimeSpan RememberUsedCodesFor = TimeSpan.FromMinutes(5);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (!await base.ValidateAsync(purpose, token, manager, user).ConfigureAwait(false))
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var recent = ((await manager.GetAuthenticationTokenAsync(user, LoginProvider, UsedCodesName).ConfigureAwait(false)) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('@'))
            .Where(parts => parts.Length == 2 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var at) && now - at < RememberUsedCodesFor.TotalSeconds)
            .ToList();
        if (recent.Any(parts => parts[0] == token))
        {
            return false;
        }

        recent.Add([token, now.ToString(CultureInfo.InvariantCulture)]);
        await manager.SetAuthenticationTokenAsync(user, LoginProvider, UsedCodesName, string.Join(';', recent.Select(parts => $"{parts[0]}@{parts[1]}"))).ConfigureAwait(false);
        return true;
    }
}
