using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Introductions;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Asks;

/// <summary>
/// One ask. Colleagues answer "I know someone" with one of their own contacts (an introduction request starts, already
/// accepted by them); the author sees who answered, everyone else only how many did.
/// </summary>
public sealed class DetailsModel(
    AppDbContext db,
    ContactAccess access,
    IntroductionService introductions,
    AskBoard board,
    IntroductionLabels labels,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record ContactChoice(Guid Id, string DisplayName, string? CompanyName);

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public AnswerInput Answer { get; set; } = new();

    public Ask? Ask { get; private set; }
    public string? AuthorName { get; private set; }
    public string? DepartmentName { get; private set; }
    public int AnswerCount { get; private set; }
    public bool IsAuthor { get; private set; }
    public bool MayClose { get; private set; }
    public DateTimeOffset Now { get; private set; }

    /// <summary>The current user's contacts at the ask's company, offered first…</summary>
    public IReadOnlyList<ContactChoice> ContactsAtCompany { get; private set; } = [];

    /// <summary>…then all their other contacts.</summary>
    public IReadOnlyList<ContactChoice> OtherContacts { get; private set; } = [];

    /// <summary>For the author only: every answer, with the colleague who gave it.</summary>
    public IReadOnlyList<AskAnswer> Answers { get; private set; } = [];

    /// <summary>For anyone else: only their own answers.</summary>
    public IReadOnlyList<AskAnswer> MyAnswers { get; private set; } = [];

    public string Slug => tenantContext.Tenant!.Slug;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAnswerAsync(CancellationToken cancellationToken)
    {
        if (!await db.Asks.AnyAsync(a => a.Id == Id, cancellationToken))
        {
            return NotFound();
        }

        if (ModelState.IsValid && Answer.ContactId is null)
        {
            ModelState.AddModelError(string.Empty, l["Choose one of your contacts."]);
        }

        if (ModelState.IsValid)
        {
            var result = await introductions.OfferAsync(access.CurrentUserId, Id, Answer.ContactId!.Value, Answer.Message, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Status"] = result.AlreadyPending
                    ? l["You had already offered this person: here is that introduction."].Value
                    : l["Thank you. The author was told that you know someone."].Value;
                return Redirect($"/{Slug}/introductions/{result.RequestId}");
            }

            ModelState.AddModelError(string.Empty, labels.Problem(result.Problem!.Value));
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken cancellationToken)
    {
        switch (await board.CloseAsync(Id, access.CurrentUserId, User, cancellationToken))
        {
            case AskCloseResult.NotFound:
                return NotFound();
            case AskCloseResult.Forbidden:
                return Forbid();
            default:
                TempData["Status"] = l["The ask is closed."].Value;
                return Redirect($"/{Slug}/asks/{Id}");
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var me = access.CurrentUserId;
        Now = clock.GetUtcNow();
        if (await board.FindAsync(Id, me, User, cancellationToken) is not { } view)
        {
            return false;
        }

        Ask = view.Ask;
        AuthorName = view.AuthorName;
        DepartmentName = view.DepartmentName;
        AnswerCount = view.AnswerCount;
        IsAuthor = view.IsAuthor;
        MayClose = view.MayClose;
        Answers = view.Answers;
        MyAnswers = view.MyAnswers;
        if (!IsAuthor && Ask.State == AskState.Open)
        {
            var organizationId = Ask.OrganizationId;
            var mine = await db.Contacts.AsNoTracking().Where(c => c.OwnerId == me)
                .OrderBy(c => c.SortKey)
                .Select(c => new { Choice = new ContactChoice(c.Id, c.DisplayName, c.CompanyName), AtCompany = organizationId != null && c.OrganizationId == organizationId })
                .ToListAsync(cancellationToken);
            ContactsAtCompany = [.. mine.Where(c => c.AtCompany).Select(c => c.Choice)];
            OtherContacts = [.. mine.Where(c => !c.AtCompany).Select(c => c.Choice)];
        }

        return true;
    }
}
