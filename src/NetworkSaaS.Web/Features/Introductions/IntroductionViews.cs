using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Audit;

namespace NetworkSaaS.Web.Features.Introductions;

public enum IntroductionRole
{
    Requester,
    Connector,

    /// <summary>A manager of the requester's or the connector's department, or someone the request was escalated to: reads the request, never its messages.</summary>
    Manager,
}

public enum IntroductionListView
{
    Mine,
    AskedOfMe,
    Team,
}

/// <summary>One step on a request's timeline as its reader may see it: managers never see the messages or any step's text.</summary>
public sealed record TimelineEntry(DateTimeOffset At, Guid? ActorId, string? ActorName, IntroductionEventKind Kind, IntroductionOutcome Outcome, string? Text);

public sealed record IntroductionRow(
    Guid Id, IntroductionPurpose Purpose, IntroductionState State, IntroductionOutcome Outcome, string TargetSummary,
    string RequesterName, string ConnectorName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// Who may see which introduction request: its requester and connector, managers of their departments, and whoever the
/// request was escalated to (the admins, when the connector's department has no manager).
/// </summary>
public sealed class IntroductionViews(AppDbContext db, UserManager<AppUser> users, IHttpContextAccessor http, AuditLog audit)
{
    public const int ListLimit = 200;

    public Guid CurrentUserId => Guid.Parse(users.GetUserId(http.HttpContext!.User)!);

    public bool IsManager => http.HttpContext!.User.IsInRole(Roles.Manager);

    /// <summary>The current manager's department colleagues (themselves included); empty for non-managers.</summary>
    public async Task<Guid[]> TeamAsync(CancellationToken cancellationToken)
    {
        if (!IsManager)
        {
            return [];
        }

        var me = CurrentUserId;
        var department = await db.Users.Where(u => u.Id == me).Select(u => u.DepartmentId).SingleAsync(cancellationToken);
        return department is null ? [] : [.. await db.Users.Where(u => u.DepartmentId == department).Select(u => u.Id).ToListAsync(cancellationToken)];
    }

    /// <summary>The requests of a list: the current user's own, those asked of them, or (for a manager) their department's.</summary>
    public async Task<IQueryable<IntroductionRequest>> QueryAsync(IntroductionListView view, CancellationToken cancellationToken)
    {
        var me = CurrentUserId;
        var requests = db.IntroductionRequests.AsNoTracking();
        return view switch
        {
            IntroductionListView.AskedOfMe => requests.Where(r => r.ConnectorId == me),
            IntroductionListView.Team => await TeamAsync(cancellationToken) is { Length: > 0 } team
                ? requests.Where(r => team.Contains(r.RequesterId) || team.Contains(r.ConnectorId))
                : requests.Where(r => false),
            _ => requests.Where(r => r.RequesterId == me),
        };
    }

    public async Task<IReadOnlyList<IntroductionRow>> ListAsync(IntroductionListView view, CancellationToken cancellationToken)
    {
        var requests = await QueryAsync(view, cancellationToken);
        var latest = await requests.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id).Take(ListLimit).ToListAsync(cancellationToken);
        var names = await UserNames.ForAsync(db, latest.SelectMany(r => new[] { r.RequesterId, r.ConnectorId }), cancellationToken);
        return [.. latest.Select(r => new IntroductionRow(r.Id, r.Purpose, r.State, r.Outcome, r.TargetSummary,
            names.GetValueOrDefault(r.RequesterId, ""), names.GetValueOrDefault(r.ConnectorId, ""), r.CreatedAt, r.UpdatedAt))];
    }

    /// <summary>The request with the current user's role in it, or null when they may not see it (shown as 404).</summary>
    public async Task<(IntroductionRequest Request, IntroductionRole Role)?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await db.IntroductionRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var me = CurrentUserId;
        if (request.RequesterId == me)
        {
            return (request, IntroductionRole.Requester);
        }

        if (request.ConnectorId == me)
        {
            return (request, IntroductionRole.Connector);
        }

        var team = await TeamAsync(cancellationToken);
        var follows = team.Contains(request.RequesterId) || team.Contains(request.ConnectorId)
                      || await db.Notifications.AnyAsync(n => n.UserId == me && n.IntroductionId == id && n.Kind == NotificationKinds.IntroductionEscalated, cancellationToken);
        return follows ? (request, IntroductionRole.Manager) : null;
    }

    /// <summary>
    /// The request's timeline for a reader in <paramref name="role"/>. Every step is taken by the requester, the connector
    /// or the system (no actor). Managers follow the request, not the private conversation or the reason for a decline.
    /// </summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(IntroductionRequest request, IntroductionRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var names = await UserNames.ForAsync(db, [request.RequesterId, request.ConnectorId], cancellationToken);
        var requestId = request.Id;
        var events = await db.IntroductionEvents.AsNoTracking().Where(e => e.RequestId == requestId).OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var participant = role != IntroductionRole.Manager;
        return [.. events.Where(e => participant || e.Kind != IntroductionEventKind.Message)
            .Select(e => new TimelineEntry(e.At, e.ActorId, e.ActorId is { } actor ? names.GetValueOrDefault(actor) : null, e.Kind, e.Outcome, participant ? e.Text : null))];
    }

    /// <summary>
    /// The contact's details, for the requester once the introduction is made; null for anyone else or before. A reading
    /// is audited (saved here) when <paramref name="recordReading"/>: a page redisplayed after a refused step is not one.
    /// </summary>
    public async Task<Contact?> RevealedContactAsync(IntroductionRequest request, IntroductionRole role, bool recordReading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContactId is not { } contactId || request.State != IntroductionState.Introduced || role != IntroductionRole.Requester)
        {
            return null;
        }

        var revealed = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (revealed is not null && recordReading)
        {
            audit.Record(AuditActions.IntroducedContactViewed, revealed.DisplayName, $"{revealed.Id} (introduction {request.Id})");
            await db.SaveChangesAsync(cancellationToken);
        }

        return revealed;
    }
}
