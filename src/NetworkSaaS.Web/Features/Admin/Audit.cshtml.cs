using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Web.Features.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class AuditModel(AppDbContext db) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditRow> Entries { get; private set; } = [];
    public bool HasMore { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var rows = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(a => new AuditRow(
                a.At,
                db.Users.Where(u => u.Id == a.ActorUserId).Select(u => u.DisplayName).FirstOrDefault(),
                a.Action,
                a.Subject,
                a.Details))
            .ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Entries = [.. rows.Take(PageSize)];
    }
}

public sealed record AuditRow(DateTimeOffset At, string? Actor, string Action, string Subject, string? Details);
