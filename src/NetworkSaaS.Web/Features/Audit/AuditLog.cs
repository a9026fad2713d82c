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
        Add(Guid.TryParse(actor, out var id) ? id : null, action, subject, details);
    }

    /// <summary>For what a user does before they are signed in (signing in, failing to): the actor is named explicitly.</summary>
    public void RecordBy(Guid actorUserId, string action, string subject, string? details = null) => Add(actorUserId, action, subject, details);

    private void Add(Guid? actorUserId, string action, string subject, string? details)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorUserId = actorUserId,
            Action = action,
            Subject = subject,
            Details = details,
        });
    }
}
