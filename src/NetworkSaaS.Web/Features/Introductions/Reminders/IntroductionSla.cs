using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Introductions.Reminders;

/// <summary>A company's introduction reminder periods (admin settings) and its working-day calendar.</summary>
public sealed record IntroductionSla(int NudgeAfterWorkingDays, int EscalateAfterWorkingDays, int OutcomePromptAfterDays, WorkingCalendar Calendar)
{
    public static async Task<IntroductionSla> LoadAsync(AppDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => new { t.TimeZoneId, t.NudgeAfterWorkingDays, t.EscalateAfterWorkingDays, t.OutcomePromptAfterDays })
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var holidays = await db.CompanyHolidays.AsNoTracking().Select(h => h.Day).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new IntroductionSla(tenant.NudgeAfterWorkingDays, tenant.EscalateAfterWorkingDays, tenant.OutcomePromptAfterDays,
            new WorkingCalendar(TenantClock.Zone(tenant.TimeZoneId), holidays.ToHashSet()));
    }

    /// <summary>When the connector of a request still unanswered is reminded.</summary>
    public DateTimeOffset NudgeDueAt(DateTimeOffset requestedAt) => Calendar.AddWorkingDays(requestedAt, NudgeAfterWorkingDays);

    /// <summary>From when the requester may escalate, counted from the reminder.</summary>
    public DateTimeOffset EscalationFrom(DateTimeOffset remindedAt) => Calendar.AddWorkingDays(remindedAt, EscalateAfterWorkingDays);

    /// <summary>When the requester is asked for the outcome, counted from the introduction or the latest outcome update.</summary>
    public DateTimeOffset OutcomePromptDueAt(DateTimeOffset since) => since.AddDays(OutcomePromptAfterDays);
}
