using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Asks;

/// <summary>One ask or open position as the board lists it.</summary>
public sealed record AskRow(
    Guid Id, IntroductionPurpose Purpose, bool IsPosition, string Title, string? AuthorName, string? CompanyName, string? DepartmentName,
    string? RewardNote, DateTimeOffset CreatedAt, int Answers);

/// <summary>An answer to an ask: the author sees who gave it (<see cref="ConnectorName"/>), an answerer only their own (name null).</summary>
public sealed record AskAnswer(Guid RequestId, string? ConnectorName, string TargetSummary, IntroductionState State, DateTimeOffset CreatedAt);

/// <summary>One ask as the current user may see it.</summary>
public sealed record AskView(
    Ask Ask, string? AuthorName, string? DepartmentName, int AnswerCount, bool IsAuthor, bool MayClose,
    IReadOnlyList<AskAnswer> Answers, IReadOnlyList<AskAnswer> MyAnswers);

/// <summary>Why posting an ask was refused: the field (as the form names it under <c>Input.</c>) and the localized message.</summary>
public sealed record AskPostResult(Ask? Ask, IReadOnlyList<(string Field, string Message)> Errors)
{
    public bool Succeeded => Ask is not null;
}

public enum AskCloseResult
{
    Closed,
    NotFound,
    Forbidden,
}

/// <summary>
/// The asks board, for its pages and the API alike: what is open, one ask with its answers, posting (open positions only
/// for HR and Admin, see <see cref="AskRules"/>) and closing.
/// </summary>
public sealed class AskBoard(AppDbContext db, OrganizationDirectory organizations, Webhooks.WebhookEvents webhooks, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>Open asks (or open positions); <paramref name="purpose"/> narrows them when it is a known purpose.</summary>
    public IQueryable<Ask> Open(IntroductionPurpose? purpose, bool positions)
    {
        var open = db.Asks.AsNoTracking().Where(a => a.State == AskState.Open && a.IsPosition == positions);
        if (purpose is { } wanted && Enum.IsDefined(wanted))
        {
            open = open.Where(a => a.Purpose == wanted);
        }

        return open;
    }

    /// <summary>The board's order: newest first.</summary>
    public static IQueryable<Ask> NewestFirst(IQueryable<Ask> asks) => asks.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id);

    public IQueryable<AskRow> Project(IQueryable<Ask> asks) => asks.Select(a => new AskRow(
        a.Id,
        a.Purpose,
        a.IsPosition,
        a.Title,
        db.Users.Where(u => u.Id == a.AuthorId).Select(u => u.DisplayName).FirstOrDefault(),
        a.CompanyName,
        db.Departments.Where(d => d.Id == a.DepartmentId).Select(d => d.Name).FirstOrDefault(),
        a.RewardNote,
        a.CreatedAt,
        db.IntroductionRequests.Count(r => r.AskId == a.Id)));

    /// <summary>The ask as <paramref name="me"/> sees it: its author every answer with who gave it, anyone else only their own answers.</summary>
    public async Task<AskView?> FindAsync(Guid id, Guid me, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var ask = await db.Asks.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (ask is null)
        {
            return null;
        }

        var authorId = ask.AuthorId;
        var departmentId = ask.DepartmentId;
        var isAuthor = authorId == me;
        var authorName = await db.Users.Where(u => u.Id == authorId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var departmentName = departmentId is null ? null
            : await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken);
        var answers = db.IntroductionRequests.AsNoTracking().Where(r => r.AskId == id);
        var count = await answers.CountAsync(cancellationToken);
        IReadOnlyList<AskAnswer> all = [];
        IReadOnlyList<AskAnswer> mine = [];
        if (isAuthor)
        {
            all = await answers.Where(r => r.RequesterId == me).OrderByDescending(r => r.CreatedAt)
                .Select(r => new AskAnswer(r.Id, db.Users.Where(u => u.Id == r.ConnectorId).Select(u => u.DisplayName).FirstOrDefault(),
                    r.TargetSummary, r.State, r.CreatedAt))
                .ToListAsync(cancellationToken);
        }
        else
        {
            mine = await answers.Where(r => r.ConnectorId == me).OrderByDescending(r => r.CreatedAt)
                .Select(r => new AskAnswer(r.Id, null, r.TargetSummary, r.State, r.CreatedAt))
                .ToListAsync(cancellationToken);
        }

        var mayClose = ask.State == AskState.Open && AskRules.MayClose(ask, me, user);
        return new AskView(ask, authorName, departmentName, count, isAuthor, mayClose, all, mine);
    }

    /// <summary>
    /// Posts an ask for <paramref name="authorId"/>. The position fields count only for HR and Admin; whatever else arrives
    /// in them is ignored. An open position is a referral-hire ask by definition. The input's lengths are checked by its
    /// annotations before this is called.
    /// </summary>
    public async Task<AskPostResult> PostAsync(Guid authorId, ClaimsPrincipal user, AskInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!AskRules.ManagesPositions(user))
        {
            input.IsPosition = false;
            input.DepartmentId = null;
            input.RewardNote = null;
        }

        var errors = new List<(string, string)>();
        if (!Enum.IsDefined(input.Purpose))
        {
            errors.Add((nameof(AskInput.Purpose), l["The value is not valid."]));
        }

        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors.Add((nameof(AskInput.Title), l["This field is required."]));
        }

        if (input.IsPosition && input.DepartmentId is { } departmentId && !await db.Departments.AnyAsync(d => d.Id == departmentId, cancellationToken))
        {
            errors.Add((nameof(AskInput.DepartmentId), l["Choose a department from the list."]));
        }

        if (errors.Count > 0)
        {
            return new AskPostResult(null, errors);
        }

        var organization = await organizations.ResolveAsync(Clean(input.CompanyName), [], cancellationToken);
        var ask = new Ask
        {
            AuthorId = authorId,
            Purpose = input.IsPosition ? IntroductionPurpose.ReferralHire : input.Purpose,
            Title = input.Title.Trim(),
            Details = Clean(input.Details),
            CompanyName = Clean(input.CompanyName),
            OrganizationId = organization?.Id,
            IsPosition = input.IsPosition,
            DepartmentId = input.IsPosition ? input.DepartmentId : null,
            RewardNote = input.IsPosition ? Clean(input.RewardNote) : null,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Asks.Add(ask);
        await webhooks.RaiseAsync(Core.Features.Webhooks.WebhookEventTypes.AskPosted, Webhooks.WebhookPayloads.Ask(ask), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new AskPostResult(ask, []);
    }

    /// <summary>The author closes their ask; HR and Admin also open positions. Closing a closed ask changes nothing.</summary>
    public async Task<AskCloseResult> CloseAsync(Guid id, Guid me, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var ask = await db.Asks.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (ask is null)
        {
            return AskCloseResult.NotFound;
        }

        if (!AskRules.MayClose(ask, me, user))
        {
            return AskCloseResult.Forbidden;
        }

        if (ask.State == AskState.Open)
        {
            ask.State = AskState.Closed;
            ask.ClosedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return AskCloseResult.Closed;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
