using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Privacy;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Privacy;

public sealed record PrivacySettings(PrivacyHandlers Handlers, int DueDays);

/// <summary>
/// Who may handle privacy requests: Admins always, HR when the company chose "Admin and HR". Both the user's roles and
/// the company's choice are read from the database on every request, so a change applies at once on every instance.
/// </summary>
public sealed class PrivacyAccess(AppDbContext db, ITenantContextAccessor tenantContext)
{
    public Task<PrivacySettings> SettingsAsync(CancellationToken cancellationToken)
    {
        var tenantId = tenantContext.Tenant!.Id;
        return db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new PrivacySettings(t.PrivacyRequestHandlers, t.PrivacyRequestDueDays))
            .SingleAsync(cancellationToken);
    }

    public async Task<bool> MayHandleAsync(Guid userId, CancellationToken cancellationToken)
    {
        var settings = await SettingsAsync(cancellationToken);
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(cancellationToken);
        var active = await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, cancellationToken);
        return active && (roles.Contains(Roles.Admin) || (settings.Handlers == PrivacyHandlers.AdminAndHR && roles.Contains(Roles.HR)));
    }
}
