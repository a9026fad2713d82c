using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Introductions.Reminders;

namespace NetworkSaaS.Web.Features.Introductions;

/// <summary>
/// One introduction request: its timeline, the messages between requester and connector, and the next steps each
/// of them may take. The contact's details appear to the requester only once the introduction is made.
/// </summary>
public sealed class DetailsModel(
    AppDbContext db,
    IntroductionService service,
    IntroductionViews views,
    IntroductionLabels labels,
    IntroductionEscalation escalation,
    ITenantContextAccessor tenantContext,
    TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public string? DeclineReason { get; set; }

    [BindProperty]
    public DateOnly ConsentOn { get; set; }

    [BindProperty]
    public Guid? ChosenContact { get; set; }

    [BindProperty]
    public IntroductionOutcome NextOutcome { get; set; }

    [BindProperty]
    public decimal? Amount { get; set; }

    [BindProperty]
    public string? Currency { get; set; }

    [BindProperty]
    public DateOnly? StartOn { get; set; }

    [BindProperty]
    public string? OutcomeNote { get; set; }

    public IntroductionRequest Introduction { get; private set; } = null!;
    public IntroductionRole Role { get; private set; }
    public string RequesterName { get; private set; } = "";
    public string ConnectorName { get; private set; } = "";
    public string? AskTitle { get; private set; }
    public Contact? Revealed { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> ContactChoices { get; private set; } = [];
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];
    public IReadOnlyList<IntroductionOutcome> NextOutcomes { get; private set; } = [];

    /// <summary>For the requester of an unanswered request whose connector was reminded: when escalating becomes possible.</summary>
    public EscalationStatus? Escalation { get; private set; }

    public bool CanEscalate => Escalation?.CanEscalate(clock.GetUtcNow()) == true;
    public IReadOnlyList<string> EscalationNames { get; private set; } = [];

    /// <summary>For a request closed because the connector left: the colleague who took the relationship over, and where to ask them.</summary>
    public (string Name, string Path)? SuccessorOffer { get; private set; }

    /// <summary>Whom the request would be escalated to, as one phrase in the reader's language.</summary>
    public string EscalationTo =>
        string.Join(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja" ? "、" : ", ", EscalationNames);
    public string Slug => tenantContext.Tenant!.Slug;

    /// <summary>A moment as the company's wall clock shows it.</summary>
    public string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TenantClock.Zone(tenantContext.Tenant!.TimeZoneId)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ConsentOn = Today;
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken) =>
        ActAsync(me => service.AcceptAsync(me, Id, ChosenContact, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(CancellationToken cancellationToken) =>
        ActAsync(me => service.DeclineAsync(me, Id, DeclineReason, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostConsentAsync(CancellationToken cancellationToken) =>
        ActAsync(me => service.ConfirmConsentAsync(me, Id, ConsentOn, Today, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(CancellationToken cancellationToken) =>
        ActAsync(me => service.WithdrawAsync(me, Id, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostOutcomeAsync(CancellationToken cancellationToken) =>
        ActAsync(me => service.RecordOutcomeAsync(me, Id, new OutcomeInput(NextOutcome, Amount, Currency, StartOn, OutcomeNote), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostMessageAsync(CancellationToken cancellationToken) =>
        ActAsync(me => service.PostMessageAsync(me, Id, Message, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostEscalateAsync(CancellationToken cancellationToken) =>
        ActAsync(me => escalation.EscalateAsync(me, Id, cancellationToken), cancellationToken);

    private DateOnly Today => TenantClock.Today(tenantContext.Tenant!, clock);

    private async Task<IActionResult> ActAsync(Func<Guid, Task<IntroductionResult>> step, CancellationToken cancellationToken)
    {
        if (await views.FindAsync(Id, cancellationToken) is not { Role: not IntroductionRole.Manager })
        {
            return NotFound();
        }

        // Model binding errors (a malformed date or amount) are reported, never silently turned into a default.
        if (ModelState.IsValid)
        {
            var result = await step(views.CurrentUserId);
            if (result.Succeeded)
            {
                return Redirect($"/{Slug}/introductions/{Id}");
            }

            ModelState.AddModelError(string.Empty, labels.Problem(result.Problem!.Value));
        }
        else
        {
            ModelState.AddModelError(string.Empty, labels.InvalidValue);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// The handed-over contact's new holder (asked for the same contact, unless it is Private or the requester's own),
    /// or for "anyone at X", the leaver's successor (see Features/Handover).
    /// </summary>
    private async Task<(string Name, string Path)?> SuccessorOfferAsync(CancellationToken cancellationToken)
    {
        var requester = Introduction.RequesterId;
        if (Introduction.ContactId is { } contactId)
        {
            var holder = await db.Contacts.AsNoTracking()
                .Where(c => c.Id == contactId && c.OwnerId != Introduction.ConnectorId && c.OwnerId != requester
                            && c.Visibility != ContactVisibility.Private && c.Owner!.IsActive)
                .Select(c => c.Owner!.DisplayName).FirstOrDefaultAsync(cancellationToken);
            return holder is null ? null : (holder, $"/{Slug}/introductions/new?contact={contactId}");
        }

        if (Introduction.OrganizationId is { } organizationId)
        {
            var successor = await db.LeaverHandovers.AsNoTracking()
                .Where(h => h.LeaverId == Introduction.ConnectorId && h.StartedAt != null && h.SuccessorId != requester)
                .Join(db.Users.Where(u => u.IsActive), h => h.SuccessorId, u => u.Id, (h, u) => new { u.Id, u.DisplayName })
                .FirstOrDefaultAsync(cancellationToken);
            return successor is null ? null : (successor.DisplayName, $"/{Slug}/introductions/new?organization={organizationId}&connector={successor.Id}");
        }

        return null;
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await views.FindAsync(Id, cancellationToken) is not { } found)
        {
            return false;
        }

        (Introduction, Role) = found;
        var names = await UserNames.ForAsync(db, [Introduction.RequesterId, Introduction.ConnectorId], cancellationToken);
        RequesterName = names.GetValueOrDefault(Introduction.RequesterId, "");
        ConnectorName = names.GetValueOrDefault(Introduction.ConnectorId, "");
        AskTitle = Introduction.AskId is { } askId ? await db.Asks.Where(a => a.Id == askId).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken) : null;

        Timeline = await views.TimelineAsync(Introduction, Role, cancellationToken);
        Revealed = await views.RevealedContactAsync(Introduction, Role, HttpMethods.IsGet(HttpContext.Request.Method), cancellationToken);

        if (Role == IntroductionRole.Requester && Introduction.State == IntroductionState.ConnectorInactive)
        {
            SuccessorOffer = await SuccessorOfferAsync(cancellationToken);
        }

        if (Role == IntroductionRole.Connector && Introduction is { State: IntroductionState.Requested, ContactId: null })
        {
            var me = views.CurrentUserId;
            ContactChoices = [.. (await db.Contacts.AsNoTracking()
                    .Where(c => c.OwnerId == me && c.OrganizationId == Introduction.OrganizationId)
                    .OrderBy(c => c.SortKey).Select(c => new { c.Id, c.DisplayName, c.Title }).ToListAsync(cancellationToken))
                .Select(c => (c.Id, string.IsNullOrEmpty(c.Title) ? c.DisplayName : $"{c.DisplayName} · {c.Title}"))];
        }

        NextOutcomes = Role == IntroductionRole.Requester ? IntroductionStateMachine.NextOutcomes(Introduction.Purpose, Introduction.State, Introduction.Outcome) : [];
        if (Role == IntroductionRole.Requester && await escalation.StatusAsync(Introduction, cancellationToken) is { } status)
        {
            Escalation = status;
            var managers = await UserNames.ForAsync(db, status.To, cancellationToken);
            EscalationNames = [.. status.To.Select(m => managers.GetValueOrDefault(m, ""))];
        }

        return true;
    }
}
