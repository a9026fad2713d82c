using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.Spreadsheets;

namespace NetworkSaaS.Web.Features.Admin;

/// <summary>The company's audit log, filtered by actor, action and dates (UTC days), on screen or as CSV.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class AuditModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Part of the actor's name or email.</summary>
    [BindProperty(SupportsGet = true, Name = "actor")]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionCode { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    public IReadOnlyList<AuditRow> Entries { get; private set; } = [];
    public bool HasMore { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var rows = await Rows(Filtered().OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1))
            .ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Entries = [.. rows.Take(PageSize)];
    }

    /// <summary>The filtered log as CSV (UTF-8 with BOM for Excel, formulas neutralised), never cached.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (var csv = new CsvOutput(file))
        {
            csv.WriteRow([l["When (UTC)"], l["Who"], l["Email"], l["Action code"], l["What"], l["Subject"], l["Details"]]);
            await foreach (var row in Rows(Filtered().OrderBy(a => a.At).ThenBy(a => a.Id)).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                csv.WriteRow([Utc(row.At), row.Actor, row.ActorEmail, row.Action, l[row.Action], row.Subject, row.Details]);
            }
        }

        file.Position = 0;
        Response.Headers.CacheControl = "no-store";
        return File(file, "text/csv; charset=utf-8", $"audit-log-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv");
    }

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The current filters as a query string, for the paging and CSV links.</summary>
    public string Query(int? page = null, string? handler = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["actor"] = Actor,
            ["action"] = ActionCode,
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["p"] = page?.ToString(CultureInfo.InvariantCulture),
            ["handler"] = handler,
        };
        return Microsoft.AspNetCore.Http.QueryString.Create(query.Where(q => !string.IsNullOrEmpty(q.Value))).ToUriComponent();
    }

    private IQueryable<AuditEntry> Filtered()
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (Actor?.Trim() is { Length: > 0 } actor)
        {
            var upper = actor.ToUpperInvariant();
            entries = entries.Where(a => db.Users.Any(u => u.Id == a.ActorUserId && (u.DisplayName.Contains(actor) || u.NormalizedEmail!.Contains(upper))));
        }

        if (ActionCode is { Length: > 0 } action && AuditActions.All.Contains(action))
        {
            entries = entries.Where(a => a.Action == action);
        }

        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(a => a.At >= start);
        }

        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(a => a.At < end);
        }

        return entries;
    }

    private IQueryable<AuditRow> Rows(IQueryable<AuditEntry> entries) =>
        entries.Select(a => new AuditRow(
            a.At,
            db.Users.Where(u => u.Id == a.ActorUserId).Select(u => u.DisplayName).FirstOrDefault(),
            db.Users.Where(u => u.Id == a.ActorUserId).Select(u => u.Email).FirstOrDefault(),
            a.Action,
            a.Subject,
            a.Details));
}

public sealed record AuditRow(DateTimeOffset At, string? Actor, string? ActorEmail, string Action, string Subject, string? Details);
