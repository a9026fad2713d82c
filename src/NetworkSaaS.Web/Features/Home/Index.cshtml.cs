using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Home;

public sealed class IndexModel(AppDbContext db, Notifications.NotificationCenter notifications, UserManager<AppUser> users, ITenantContextAccessor tenantContext, TimeProvider clock) : PageModel
{
    public string TenantSlug { get; private set; } = "";
    public string CompanyName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public string? Department { get; private set; }
    public string? Title { get; private set; }
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public IReadOnlyList<string> Expertise { get; private set; } = [];
    public int ColleagueCount { get; private set; }
    public IReadOnlyList<DepartmentHeadcount> PeopleByDepartment { get; private set; } = [];
    public int MyContacts { get; private set; }
    public int MyOverdue { get; private set; }
    public int UnreadNotifications { get; private set; }
    public int WaitingForMe { get; private set; }
    public IReadOnlyList<Campaigns.CampaignSeason> OpenCampaigns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(users.GetUserId(User)!);
        var me = await db.Users.AsNoTracking().Include(u => u.Department)
            .FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (me is null)
        {
            return NotFound();
        }

        var tenant = tenantContext.Tenant!;
        var today = Contacts.TenantClock.Today(tenant, clock);
        MyContacts = await db.Contacts.CountAsync(c => c.OwnerId == userId, cancellationToken);
        MyOverdue = await db.Contacts.CountAsync(c => c.OwnerId == userId && c.NextTouchOn <= today, cancellationToken);
        UnreadNotifications = await notifications.UnreadCountAsync(userId, cancellationToken);
        WaitingForMe = await db.IntroductionRequests.CountAsync(r => r.ConnectorId == userId
            && (r.State == Core.Features.Introductions.IntroductionState.Requested || r.State == Core.Features.Introductions.IntroductionState.Accepted), cancellationToken);
        OpenCampaigns = Campaigns.SeasonalCalendar.OpenFor(tenant, today);
        TenantSlug = tenant.Slug;
        CompanyName = tenant.Name;
        DisplayName = me.DisplayName;
        Department = me.Department?.Name;
        Title = me.Title;
        Expertise = me.ExpertiseTags;
        var myRoles = await users.GetRolesAsync(me);
        Roles = [.. Core.Features.Accounts.Roles.All.Where(myRoles.Contains)];
        ColleagueCount = await db.Users.CountAsync(u => u.IsActive, cancellationToken);
        var headcounts = await db.Users.Where(u => u.IsActive && u.DepartmentId != null)
            .GroupBy(u => u.DepartmentId!.Value)
            .Select(g => new { DepartmentId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var names = await db.Departments.ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        PeopleByDepartment = [.. headcounts
            .Select(h => new DepartmentHeadcount(names[h.DepartmentId], h.Count))
            .OrderByDescending(d => d.Count).ThenBy(d => d.Name, StringComparer.Ordinal)];
        return Page();
    }
}

public sealed record DepartmentHeadcount(string Name, int Count);
