using Microsoft.AspNetCore.Http.HttpResults;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Introductions;

namespace NetworkSaaS.Web.Features.Api;

public sealed record IntroductionItem(
    Guid Id, IntroductionPurpose Purpose, IntroductionState State, IntroductionOutcome Outcome, string TargetSummary,
    Guid RequesterId, string RequesterName, Guid ConnectorId, string ConnectorName, Guid? AskId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The contact's details, for the requester once the introduction is made.</summary>
public sealed record IntroducedContact(
    Guid Id, string DisplayName, string? CompanyName, string? Department, string? Title, IReadOnlyList<string> Emails, IReadOnlyList<string> Phones);

public sealed record IntroductionStep(DateTimeOffset At, Guid? ActorId, string? ActorName, IntroductionEventKind Kind, IntroductionOutcome? Outcome, string? Text);

/// <summary>One request as the caller may see it: <see cref="Role"/> says how they take part; managers see no messages or decline reason.</summary>
public sealed record IntroductionDetail(
    IntroductionItem Introduction, IntroductionRole Role, string Reason, string? DeclineReason, DateOnly? ConsentOn,
    decimal? WonAmount, string? WonCurrency, DateOnly? HireStartOn, IReadOnlyList<IntroductionOutcome> NextOutcomes,
    IntroducedContact? Contact, IReadOnlyList<IntroductionStep> Timeline);

public sealed record IntroductionCreate(
    Guid? ContactId, Guid? OrganizationId, Guid? ConnectorId, IntroductionPurpose Purpose, string? Reason, Guid? AskId);

public sealed record IntroductionAccept(Guid? ContactId);

public sealed record IntroductionDecline(string? Reason);

public sealed record IntroductionConsent(DateOnly? ConsentOn);

public sealed record IntroductionOutcomeInput(IntroductionOutcome Outcome, decimal? Amount, string? Currency, DateOnly? StartOn, string? Note);

public sealed record IntroductionMessage(string? Text);

/// <summary>
/// /introductions: the caller's introduction requests, through the same <see cref="IntroductionViews"/> (who may see
/// what) and <see cref="IntroductionService"/> (rules, state machine, timeline, notifications) as the pages. Every
/// endpoint acts for a person (a personal token with the introductions scope). A refused step is a problem with the
/// page's message in <c>detail</c> and the reason in <c>code</c>.
/// </summary>
public static class IntroductionEndpoints
{
    private const string Table = "introduction_requests";

    public static void MapIntroductions(this RouteGroupBuilder v1)
    {
        var introductions = v1.MapGroup("/introductions").WithTags("Introductions")
            .RequireAuthorization(ApiPolicies.Introductions, ApiPolicies.Person);

        introductions.MapGet("/", ListAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("ListIntroductions").WithSummary("The caller's introduction requests: view=mine (asked by them, the default), askedOfMe (they are the connector) or team (a manager's department).");
        introductions.MapGet("/{id:guid}", GetAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("GetIntroduction").WithSummary("One request with its timeline; the contact's details for the requester once introduced.");
        introductions.MapPost("/", CreateAsync).WithIdempotency()
            .WithName("RequestIntroduction").WithSummary("Ask a colleague for an introduction to one of their contacts (contactId), or to anyone they know at an organization (organizationId and connectorId).");
        introductions.MapPost("/{id:guid}/accept", (Guid id, IntroductionAccept? body, HttpContext http, IntroductionService service, CancellationToken ct) =>
                StepAsync(http, id, me => service.AcceptAsync(me, id, body?.ContactId, ct), ct))
            .WithName("AcceptIntroduction").WithSummary("The connector accepts (for \"anyone at X\", naming which of their contacts).");
        introductions.MapPost("/{id:guid}/decline", (Guid id, IntroductionDecline? body, HttpContext http, IntroductionService service, CancellationToken ct) =>
                StepAsync(http, id, me => service.DeclineAsync(me, id, body?.Reason, ct), ct))
            .WithName("DeclineIntroduction").WithSummary("The connector declines, with an optional reason only the requester sees.");
        introductions.MapPost("/{id:guid}/introduced", (Guid id, IntroductionConsent? body, HttpContext http, IntroductionService service,
                    ITenantContextAccessor tenantContext, TimeProvider clock, CancellationToken ct) =>
                StepAsync(http, id, me =>
                {
                    var today = TenantClock.Today(tenantContext.Tenant!, clock);
                    return service.ConfirmConsentAsync(me, id, body?.ConsentOn ?? today, today, ct);
                }, ct))
            .WithName("MarkIntroduced").WithSummary("The connector confirms the person agreed (consentOn, default today): the introduction is made.");
        introductions.MapPost("/{id:guid}/withdraw", (Guid id, HttpContext http, IntroductionService service, CancellationToken ct) =>
                StepAsync(http, id, me => service.WithdrawAsync(me, id, ct), ct))
            .WithName("WithdrawIntroduction").WithSummary("The requester withdraws an open request.");
        introductions.MapPost("/{id:guid}/outcome", (Guid id, IntroductionOutcomeInput body, HttpContext http, IntroductionService service, CancellationToken ct) =>
                StepAsync(http, id, me => service.RecordOutcomeAsync(me, id, new OutcomeInput(body.Outcome, body.Amount, body.Currency, body.StartOn, body.Note), ct), ct))
            .WithName("RecordIntroductionOutcome").WithSummary("The requester records where the introduction led; stages only move forward.");
        introductions.MapPost("/{id:guid}/messages", (Guid id, IntroductionMessage body, HttpContext http, IntroductionService service, CancellationToken ct) =>
                StepAsync(http, id, me => service.PostMessageAsync(me, id, body.Text, ct), ct))
            .WithName("PostIntroductionMessage").WithSummary("A message between the requester and the connector.");
    }

    private static async Task<Ok<ApiPage<IntroductionItem>>> ListAsync(
        HttpContext http, IntroductionViews views, AppDbContext db, string? view, CancellationToken cancellationToken)
    {
        var page = ApiPageRequest.From(http.Request);
        var chosen = ApiQueryValues.Enum<IntroductionListView>(view) ?? IntroductionListView.Mine;
        var requests = await views.QueryAsync(chosen, cancellationToken);
        var result = await requests.Where(r => page.After == null || r.Id > page.After).OrderBy(r => r.Id)
            .ToPageAsync(page, http, r => r.Id, r => r, cancellationToken);
        var names = await UserNames.ForAsync(db, result.Items.SelectMany(r => new[] { r.RequesterId, r.ConnectorId }), cancellationToken);
        return TypedResults.Ok(new ApiPage<IntroductionItem>([.. result.Items.Select(r => Item(r, names))], result.NextCursor));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, IntroductionViews views, AppDbContext db, CancellationToken cancellationToken)
    {
        if (await views.FindAsync(id, cancellationToken) is not { } found)
        {
            return ApiProblem.Result(StatusCodes.Status404NotFound);
        }

        var detail = await DetailAsync(views, db, found.Request, found.Role, cancellationToken);
        await ApiETag.SetAsync(http.Response, db, Table, id, cancellationToken);
        return TypedResults.Ok(detail);
    }

    private static async Task<IResult> CreateAsync(
        IntroductionCreate body, HttpContext http, IntroductionService service, IntroductionViews views, IntroductionLabels labels, AppDbContext db,
        CancellationToken cancellationToken)
    {
        var result = await service.RequestAsync(views.CurrentUserId,
            new IntroductionInput(body.ContactId, body.OrganizationId, body.ConnectorId, body.Purpose, body.Reason, body.AskId), cancellationToken);
        if (result is { Problem: IntroductionProblem.PersonAlreadyRequested, RequestId: { } pendingId })
        {
            // The requester's own pending request for the same person: the page takes them to it.
            return Refusal(labels, IntroductionProblem.PersonAlreadyRequested, http.Request, pendingId);
        }

        if (!result.Succeeded)
        {
            return Refusal(labels, result.Problem!.Value, http.Request);
        }

        var (request, role) = (await views.FindAsync(result.RequestId!.Value, cancellationToken))!.Value;
        var detail = await DetailAsync(views, db, request, role, cancellationToken);
        await ApiETag.SetAsync(http.Response, db, Table, request.Id, cancellationToken);
        // Asking again for a pending introduction answers with that request, as the page does.
        return result.AlreadyPending ? TypedResults.Ok(detail) : TypedResults.Created(Location(http.Request, request.Id), detail);
    }

    /// <summary>
    /// One step on a request: only who may see it learns it exists (404 otherwise), managers may not act (403), and the
    /// step needs the ETag the caller read (428/412): two people acting at once cannot both win.
    /// </summary>
    private static async Task<IResult> StepAsync(HttpContext http, Guid id, Func<Guid, Task<IntroductionResult>> step, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var views = services.GetRequiredService<IntroductionViews>();
        var db = services.GetRequiredService<AppDbContext>();
        var labels = services.GetRequiredService<IntroductionLabels>();
        if (await views.FindAsync(id, cancellationToken) is not { } found)
        {
            return ApiProblem.Result(StatusCodes.Status404NotFound);
        }

        if (found.Role == IntroductionRole.Manager)
        {
            return Refusal(labels, IntroductionProblem.NotYours, http.Request);
        }

        await ApiETag.LockAsync(db, http.Request, Table, id, cancellationToken);
        var result = await step(views.CurrentUserId);
        if (!result.Succeeded)
        {
            return Refusal(labels, result.Problem!.Value, http.Request);
        }

        db.ChangeTracker.Clear();
        var (request, role) = (await views.FindAsync(id, cancellationToken))!.Value;
        var detail = await DetailAsync(views, db, request, role, cancellationToken);
        await ApiETag.SetAsync(http.Response, db, Table, id, cancellationToken);
        return TypedResults.Ok(detail);
    }

    /// <summary>The status of a refused step: not the caller's to take 403, the wrong state or a conflicting request 409, anything else in the input 422.</summary>
    public static int StatusOf(IntroductionProblem problem) => problem switch
    {
        IntroductionProblem.NotYours => StatusCodes.Status403Forbidden,
        IntroductionProblem.IllegalTransition or IntroductionProblem.ChangedMeanwhile or IntroductionProblem.DeclinedRecently
            or IntroductionProblem.PersonAlreadyRequested or IntroductionProblem.OutcomeNotAllowed or IntroductionProblem.AskNotOpen
            or IntroductionProblem.PositionNotOpen or IntroductionProblem.AlreadyEscalated or IntroductionProblem.EscalationNotYet
            => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>A refused step as problem details: the page's message (in the request's language) and a stable code.</summary>
    public static IResult Refusal(IntroductionLabels labels, IntroductionProblem problem, HttpRequest request, Guid? pendingId = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var extensions = new Dictionary<string, object?> { ["code"] = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(problem.ToString()) };
        if (pendingId is { } pending)
        {
            extensions["introductionId"] = pending;
            extensions["location"] = Location(request, pending);
        }

        return ApiProblem.Result(StatusOf(problem), labels.Problem(problem), extensions);
    }

    private static string Location(HttpRequest request, Guid id)
    {
        var tenant = request.RouteValues[Tenancy.TenantResolutionMiddleware.RouteKey];
        return $"/{tenant}/api/{ApiSetup.DocumentName}/introductions/{id}";
    }

    private static IntroductionItem Item(IntroductionRequest r, IReadOnlyDictionary<Guid, string> names) => new(
        r.Id, r.Purpose, r.State, r.Outcome, r.TargetSummary, r.RequesterId, names.GetValueOrDefault(r.RequesterId, ""),
        r.ConnectorId, names.GetValueOrDefault(r.ConnectorId, ""), r.AskId, r.CreatedAt, r.UpdatedAt);

    private static async Task<IntroductionDetail> DetailAsync(
        IntroductionViews views, AppDbContext db, IntroductionRequest request, IntroductionRole role, CancellationToken cancellationToken)
    {
        var names = await UserNames.ForAsync(db, [request.RequesterId, request.ConnectorId], cancellationToken);
        var timeline = await views.TimelineAsync(request, role, cancellationToken);
        var contact = await views.RevealedContactAsync(request, role, recordReading: true, cancellationToken);
        var participant = role != IntroductionRole.Manager;
        return new IntroductionDetail(
            Item(request, names), role, request.Reason, participant ? request.DeclineReason : null, request.ConsentOn,
            request.WonAmount, request.WonCurrency, request.HireStartOn,
            role == IntroductionRole.Requester ? IntroductionStateMachine.NextOutcomes(request.Purpose, request.State, request.Outcome) : [],
            contact is null ? null : new IntroducedContact(contact.Id, contact.DisplayName, contact.CompanyName, contact.Department, contact.Title, contact.Emails, contact.Phones),
            [.. timeline.Select(t => new IntroductionStep(t.At, t.ActorId, t.ActorName, t.Kind, t.Outcome == IntroductionOutcome.None ? null : t.Outcome, t.Text))]);
    }
}
