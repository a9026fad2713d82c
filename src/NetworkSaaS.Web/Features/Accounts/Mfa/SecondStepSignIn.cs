using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Accounts.Mfa;

/// <summary>What the second sign-in step records and sets, whichever factor the user gave.</summary>
public sealed class SecondStepSignIn(AppDbContext db, AuditLog audit)
{
    public Task FailedAsync(AppUser user, string factor)
    {
        ArgumentNullException.ThrowIfNull(user);
        audit.Record(AuditActions.MfaFailed, user.Email!, factor);
        return db.SaveChangesAsync();
    }

    public Task RecoveryCodeUsedAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        audit.Record(AuditActions.MfaRecoveryCodeUsed, user.Email!);
        return db.SaveChangesAsync();
    }

    public static void Completed(AppUser user, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Culture is { Length: > 0 } culture)
        {
            LocalizationSetup.WriteCultureCookie(response, culture);
        }
    }
}
