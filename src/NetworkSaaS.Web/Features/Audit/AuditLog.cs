using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;

namespace NetworkSaaS.Web.Features.Audit;

/// <summary>Adds audit entries to the current unit of work; they are saved with the change they describe.</summary>
public sealed class AuditLog(AppDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public void Record(string action, string subject, string? details = null)
    {
        var actor = http.HttpContext?.User.FindFirstValue(new IdentityOptions().ClaimsIdentity.UserIdClaimType);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorUserId = Guid.TryParse(actor, out var id) ? id : null,
            Action = action,
            Subject = subject,
            Details = details,
        });
    }
}
