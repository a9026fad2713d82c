using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Platform;

namespace NetworkSaaS.Web.Features.Ops;

/// <summary>Writes platform_audit_entries (operators' sign-ins, enrollment and changes), saved at once: failures too.</summary>
public sealed class PlatformAudit(AppDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public async Task RecordAsync(string action, string subject, Guid? operatorId, string? details = null, CancellationToken cancellationToken = default)
    {
        db.PlatformAuditEntries.Add(new PlatformAuditEntry
        {
            At = clock.GetUtcNow(),
            OperatorId = operatorId,
            Action = action,
            Subject = subject.Length > 256 ? subject[..256] : subject,
            Details = details,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
