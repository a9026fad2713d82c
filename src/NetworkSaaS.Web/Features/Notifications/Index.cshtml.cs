using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts;

namespace NetworkSaaS.Web.Features.Notifications;

/// <summary>The current user's notifications, newest first; each links to its item and can be marked read.</summary>
public sealed class IndexModel(AppDbContext db, NotificationCenter notifications, UserManager<AppUser> users, ITenantContextAccessor tenantContext, TimeProvider clock) : PageModel
{
    public const int Shown = 100;

    public sealed record Row(Guid Id, string Kind, Guid? IntroductionId, Guid? AskId, string? ActorName, DateTimeOffset CreatedAt, bool Read);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Unread { get; private set; }
    public string Slug => tenantContext.Tenant!.Slug;

    private Guid Me => Guid.Parse(users.GetUserId(User)!);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = Me;
        var latest = await db.Notifications.AsNoTracking().Where(n => n.UserId == me).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(Shown).ToListAsync(cancellationToken);
        var actors = await UserNames.ForAsync(db, latest.Where(n => n.ActorId != null).Select(n => n.ActorId!.Value), cancellationToken);
        Rows = [.. latest.Select(n => new Row(n.Id, n.Kind, n.IntroductionId, n.AskId,
            n.ActorId is { } actor ? actors.GetValueOrDefault(actor) : null, n.CreatedAt, n.ReadAt != null))];
        Unread = await notifications.UnreadCountAsync(me, cancellationToken);
    }

    /// <summary>Marks one notification read and opens its item.</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid notificationId, CancellationToken cancellationToken)
    {
        var me = Me;
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == notificationId && n.UserId == me, cancellationToken);
        if (notification is null)
        {
            return NotFound();
        }

        notification.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Redirect(NotificationLinks.PathOf(Slug, notification));
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        var me = Me;
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.UserId == me && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return Redirect($"/{Slug}/notifications");
    }
}
