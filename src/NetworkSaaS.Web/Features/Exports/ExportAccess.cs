using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Exports;

namespace NetworkSaaS.Web.Features.Exports;

/// <summary>
/// Company-wide exports (HR review, company contacts) belong to HR and Admins only. The role is read from the
/// database on every request, not from the sign-in cookie, so a user whose role is removed loses the files they
/// requested at once: they are no longer listed, and their download is 404.
/// </summary>
public sealed class ExportAccess(AppDbContext db)
{
    public Task<bool> IsHrAsync(Guid userId, CancellationToken cancellationToken) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.HR || r.Name == Roles.Admin)), cancellationToken);

    /// <summary>The exports <paramref name="userId"/> may see and download now: their own, company-wide ones only while HR or Admin.</summary>
    public async Task<IQueryable<ExportRequest>> VisibleToAsync(Guid userId, CancellationToken cancellationToken)
    {
        var own = db.ExportRequests.AsNoTracking().Where(e => e.OwnerId == userId);
        return await IsHrAsync(userId, cancellationToken)
            ? own
            : own.Where(e => e.Kind != ExportKind.HrReview && e.Kind != ExportKind.CompanyContacts);
    }
}
