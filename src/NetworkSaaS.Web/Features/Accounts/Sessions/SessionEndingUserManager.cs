using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Web.Features.Accounts.Sessions;

/// <summary>
/// Whenever a user's security stamp changes (password changed or reset, second factor or passkeys changed, roles
/// changed, deactivation), all their other sessions end at once, not at the next stamp revalidation. The session of
/// the request itself survives when it is the user's own, for the page to re-issue with RefreshSignInAsync.
/// </summary>
public sealed class SessionEndingUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    AppDbContext db,
    UserSessions sessions)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    protected override async Task<IdentityResult> UpdateUserAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var entry = db.Entry(user);
        var storedStamp = entry.State == EntityState.Detached
            ? await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => u.SecurityStamp).FirstOrDefaultAsync(CancellationToken).ConfigureAwait(false)
            : entry.Property(u => u.SecurityStamp).OriginalValue;
        var result = await base.UpdateUserAsync(user).ConfigureAwait(false);
        if (result.Succeeded && storedStamp is not null && storedStamp != user.SecurityStamp)
        {
            await sessions.RevokeAllAsync(user, sessions.CurrentSessionId(user.Id), CancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
