using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Webhooks;
using NetworkSaaS.Web.Features.Notifications;
using Npgsql;

namespace NetworkSaaS.Web.Features.Introductions;

/// <summary>What a requester asks for: one contact, or anyone a named connector knows at an organization.</summary>
public sealed record IntroductionInput(
    Guid? ContactId, Guid? OrganizationId, Guid? ConnectorId, IntroductionPurpose Purpose, string? Reason, Guid? AskId);

public sealed record OutcomeInput(IntroductionOutcome Outcome, decimal? Amount, string? Currency, DateOnly? StartOn, string? Note);

/// <summary>
/// Every step of an introduction: the rules (no own or Private contact, the 30-day cool-down after a decline,
/// one pending request per person, also across colleagues' records of the same person), the state machine, the timeline and the notifications, saved together.
/// </summary>
public sealed class IntroductionService(AppDbContext db, NotificationCenter notifications, TimeProvider clock, Webhooks.WebhookEvents webhooks)
{
    public static readonly TimeSpan DeclineCooldown = TimeSpan.FromDays(30);
    public const int MaxReasonLength = 2000;
    public const int MaxMessageLength = 4000;

    public async Task<IntroductionResult> RequestAsync(Guid requesterId, IntroductionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            return IntroductionResult.Refused(IntroductionProblem.ReasonRequired);
        }

        if (reason.Length > MaxReasonLength)
        {
            return IntroductionResult.Refused(IntroductionProblem.TooLong);
        }

        if (!Enum.IsDefined(input.Purpose))
        {
            return IntroductionResult.Refused(IntroductionProblem.IllegalTransition);
        }

        var request = new IntroductionRequest { RequesterId = requesterId, Purpose = input.Purpose, Reason = reason };
        if (input.ContactId is { } contactId)
        {
            var contact = await db.Contacts.AsNoTracking().Include(c => c.Owner)
                .FirstOrDefaultAsync(c => c.Id == contactId && c.Visibility != ContactVisibility.Private && !c.UseStopped, cancellationToken);
            if (contact is null)
            {
                return IntroductionResult.Refused(IntroductionProblem.ContactNotAvailable);
            }

            if (contact.OwnerId == requesterId)
            {
                return IntroductionResult.Refused(IntroductionProblem.OwnContact);
            }

            if (contact.Owner is not { IsActive: true })
            {
                return IntroductionResult.Refused(IntroductionProblem.ConnectorInactive);
            }

            request.ConnectorId = contact.OwnerId;
            request.ContactId = contact.Id;
            request.OrganizationId = contact.OrganizationId;
            request.ContactChannel = contact.Channel;
            request.TargetSummary = Summary(contact, revealName: contact.Visibility == ContactVisibility.Shared);
            request.PersonKey = IntroductionPersonKey.For(contact.TenantId, contact.Emails, contact.PhonesE164);
        }
        else if (input is { OrganizationId: { } organizationId, ConnectorId: { } connectorId })
        {
            if (connectorId == requesterId)
            {
                return IntroductionResult.Refused(IntroductionProblem.OwnContact);
            }

            // "Anyone you know at X" goes to a colleague the requester can see there: one with a Shared contact.
            var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
            var visible = organization is not null && await db.Contacts.AnyAsync(
                c => c.OrganizationId == organizationId && c.OwnerId == connectorId && c.Visibility == ContactVisibility.Shared, cancellationToken);
            if (!visible)
            {
                return IntroductionResult.Refused(IntroductionProblem.ContactNotAvailable);
            }

            if (!await db.Users.AnyAsync(u => u.Id == connectorId && u.IsActive, cancellationToken))
            {
                return IntroductionResult.Refused(IntroductionProblem.ConnectorInactive);
            }

            request.ConnectorId = connectorId;
            request.OrganizationId = organizationId;
            request.TargetSummary = organization!.Name;
        }
        else
        {
            return IntroductionResult.Refused(IntroductionProblem.ContactNotAvailable);
        }

        if (input.AskId is { } askId)
        {
            var askOpen = await db.Asks.AnyAsync(a => a.Id == askId && a.State == AskState.Open && a.Purpose == input.Purpose, cancellationToken);
            if (!askOpen)
            {
                return IntroductionResult.Refused(input.Purpose == IntroductionPurpose.ReferralHire ? IntroductionProblem.PositionNotOpen : IntroductionProblem.AskNotOpen);
            }

            request.AskId = askId;
        }

        if (await FindPendingAsync(request, cancellationToken) is { } pending)
        {
            return IntroductionResult.Done(pending, alreadyPending: true);
        }

        if (await FindPendingForSamePersonAsync(request, cancellationToken) is { } samePerson)
        {
            return IntroductionResult.RefusedFor(IntroductionProblem.PersonAlreadyRequested, samePerson);
        }

        if (await DeclinedRecentlyForSameReasonAsync(request, cancellationToken))
        {
            return IntroductionResult.Refused(IntroductionProblem.DeclinedRecently);
        }

        var now = clock.GetUtcNow();
        request.CreatedAt = request.UpdatedAt = now;
        db.IntroductionRequests.Add(request);
        AddEvent(request, requesterId, IntroductionEventKind.Requested, null);
        notifications.Notify(request.ConnectorId, NotificationKinds.IntroductionRequested, request.Id, actorId: requesterId);
        await webhooks.RaiseAsync(WebhookEventTypes.IntroductionRequested, Webhooks.WebhookPayloads.Introduction(request), cancellationToken);
        return await SaveNewAsync(request, cancellationToken);
    }

    /// <summary>A colleague answers an ask with one of their own contacts: the request starts accepted by them.</summary>
    public async Task<IntroductionResult> OfferAsync(Guid connectorId, Guid askId, Guid contactId, string? message, CancellationToken cancellationToken)
    {
        var ask = await db.Asks.AsNoTracking().FirstOrDefaultAsync(a => a.Id == askId, cancellationToken);
        if (ask is not { State: AskState.Open })
        {
            return IntroductionResult.Refused(IntroductionProblem.AskNotOpen);
        }

        if (ask.AuthorId == connectorId)
        {
            return IntroductionResult.Refused(IntroductionProblem.OwnAsk);
        }

        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId && c.OwnerId == connectorId, cancellationToken);
        if (contact is null)
        {
            return IntroductionResult.Refused(IntroductionProblem.ContactNotAvailable);
        }

        if (message?.Trim().Length > MaxMessageLength)
        {
            return IntroductionResult.Refused(IntroductionProblem.TooLong);
        }

        var now = clock.GetUtcNow();
        var request = new IntroductionRequest
        {
            RequesterId = ask.AuthorId,
            ConnectorId = connectorId,
            ContactId = contact.Id,
            OrganizationId = contact.OrganizationId,
            ContactChannel = contact.Channel,
            TargetSummary = Summary(contact, revealName: false),
            PersonKey = IntroductionPersonKey.For(contact.TenantId, contact.Emails, contact.PhonesE164),
            AskId = ask.Id,
            Purpose = ask.Purpose,
            Reason = ask.Title,
            State = IntroductionState.Accepted,
            CreatedAt = now,
            RespondedAt = now,
            UpdatedAt = now,
        };
        if (await FindPendingAsync(request, cancellationToken) is { } pending)
        {
            return IntroductionResult.Done(pending, alreadyPending: true);
        }

        if (await FindPendingForSamePersonAsync(request, cancellationToken) is not null)
        {
            // The answerer may not open the author's other request: the refusal names no request.
            return IntroductionResult.Refused(IntroductionProblem.PersonAlreadyRequested);
        }

        db.IntroductionRequests.Add(request);
        AddEvent(request, connectorId, IntroductionEventKind.Offered, string.IsNullOrWhiteSpace(message) ? null : message.Trim());
        notifications.Notify(ask.AuthorId, NotificationKinds.IntroductionOffered, request.Id, ask.Id, connectorId);
        await webhooks.RaiseAsync(WebhookEventTypes.AskAnswered, Webhooks.WebhookPayloads.AskAnswered(ask.Id, request.Id, connectorId), cancellationToken);
        return await SaveNewAsync(request, cancellationToken);
    }

    public async Task<IntroductionResult> AcceptAsync(Guid connectorId, Guid requestId, Guid? chosenContactId, CancellationToken cancellationToken)
    {
        var request = await db.IntroductionRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.ConnectorId != connectorId)
        {
            return IntroductionResult.Refused(IntroductionProblem.NotYours);
        }

        if (IntroductionStateMachine.Next(request.State, IntroductionAction.Accept) is not { } next)
        {
            return IntroductionResult.Refused(IntroductionProblem.IllegalTransition);
        }

        if (request.ContactId is null)
        {
            var contact = chosenContactId is { } chosen
                ? await db.Contacts.AsNoTracking().FirstOrDefaultAsync(
                    c => c.Id == chosen && c.OwnerId == connectorId && c.OrganizationId == request.OrganizationId, cancellationToken)
                : null;
            if (contact is null)
            {
                return IntroductionResult.Refused(IntroductionProblem.ChooseContact);
            }

            request.ContactId = contact.Id;
            request.ContactChannel = contact.Channel;
            request.PersonKey = IntroductionPersonKey.For(contact.TenantId, contact.Emails, contact.PhonesE164);
            if (await FindPendingForSamePersonAsync(request, cancellationToken) is not null)
            {
                db.ChangeTracker.Clear();
                return IntroductionResult.Refused(IntroductionProblem.PersonAlreadyRequested);
            }
        }

        Move(request, next, connectorId, IntroductionEventKind.Accepted, null);
        request.RespondedAt = request.UpdatedAt;
        notifications.Notify(request.RequesterId, NotificationKinds.IntroductionAccepted, request.Id, actorId: connectorId);
        await webhooks.RaiseAsync(WebhookEventTypes.IntroductionAccepted, Webhooks.WebhookPayloads.Introduction(request), cancellationToken);
        return await SaveAsync(db, request, cancellationToken);
    }

    public async Task<IntroductionResult> DeclineAsync(Guid connectorId, Guid requestId, string? reason, CancellationToken cancellationToken)
    {
        var request = await db.IntroductionRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.ConnectorId != connectorId)
        {
            return IntroductionResult.Refused(IntroductionProblem.NotYours);
        }

        if (IntroductionStateMachine.Next(request.State, IntroductionAction.Decline) is not { } next)
        {
            return IntroductionResult.Refused(IntroductionProblem.IllegalTransition);
        }

        if (reason?.Trim().Length > MaxReasonLength)
        {
            return IntroductionResult.Refused(IntroductionProblem.TooLong);
        }

        request.DeclineReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Move(request, next, connectorId, IntroductionEventKind.Declined, request.DeclineReason);
        request.RespondedAt ??= request.UpdatedAt;
        request.ClosedAt = request.UpdatedAt;
        notifications.Notify(request.RequesterId, NotificationKinds.IntroductionDeclined, request.Id, actorId: connectorId);
        await webhooks.RaiseAsync(WebhookEventTypes.IntroductionDeclined, Webhooks.WebhookPayloads.Introduction(request), cancellationToken);
        return await SaveAsync(db, request, cancellationToken);
    }

    /// <summary>The connector confirms that the external person agreed; the introduction is made and the details revealed.</summary>
    public async Task<IntroductionResult> ConfirmConsentAsync(Guid connectorId, Guid requestId, DateOnly consentOn, DateOnly today, CancellationToken cancellationToken)
    {
        var request = await db.IntroductionRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.ConnectorId != connectorId)
        {
            return IntroductionResult.Refused(IntroductionProblem.NotYours);
        }

        if (IntroductionStateMachine.Next(request.State, IntroductionAction.ConfirmConsent) is not { } next)
        {
            return IntroductionResult.Refused(IntroductionProblem.IllegalTransition);
        }

        if (consentOn > today || consentOn < DateOnly.FromDateTime(request.CreatedAt.UtcDateTime).AddDays(-1))
        {
            return IntroductionResult.Refused(IntroductionProblem.ConsentDateInvalid);
        }

        request.ConsentOn = consentOn;
        Move(request, next, connectorId, IntroductionEventKind.ConsentConfirmed, null);
        request.IntroducedAt = request.UpdatedAt;
        notifications.Notify(request.RequesterId, NotificationKinds.IntroductionMade, request.Id, actorId: connectorId);
        await webhooks.RaiseAsync(WebhookEventTypes.IntroductionIntroduced, Webhooks.WebhookPayloads.Introduction(request), cancellationToken);
        return await SaveAsync(db, request, cancellationToken);
    }

    public async Task<IntroductionResult> WithdrawAsync(Guid requesterId, Guid requestId, CancellationToken cancellationToken)
    {
        var request = await db.IntroductionRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.RequesterId != requesterId)
        {
            return IntroductionResult.Refused(IntroductionProblem.NotYours);
        }

        if (IntroductionStateMachine.Next(request.State, IntroductionAction.Withdraw) is not { } next)
        {
            return IntroductionResult.Refused(IntroductionProblem.IllegalTransition);
        }

        Move(request, next, requesterId, IntroductionEventKind.Withdrawn, null);
        request.ClosedAt = request.UpdatedAt;
        notifications.Notify(request.ConnectorId, NotificationKinds.IntroductionWithdrawn, request.Id, actorId: requesterId);
        return await SaveAsync(db, request, cancellationToken);
    }

    public async Task<IntroductionResult> RecordOutcomeAsync(Guid requesterId, Guid requestId, OutcomeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = await db.IntroductionRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.RequesterId != requesterId)
        {
            return IntroductionResult.Refused(IntroductionProblem.NotYours);
        }

        if (!IntroductionStateMachine.CanRecord(request.Purpose, request.State, request.Outcome, input.Outcome))
        {
            return IntroductionResult.Refused(IntroductionProblem.OutcomeNotAllowed);
        }

        if (input.Note?.Trim().Length > MaxMessageLength)
        {
            return IntroductionResult.Refused(IntroductionProblem.TooLong);
        }

        if (input.Outcome == IntroductionOutcome.Won)
        {
            var currency = input.Currency?.Trim().ToUpperInvariant();
            if (input.Amount is not (> 0 and < 1_000_000_000_000_000m) || currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
            {
                return IntroductionResult.Refused(IntroductionProblem.AmountRequired);
            }

            request.WonAmount = decimal.Round(input.Amount.Value, 2);
            request.WonCurrency = currency;
        }

        if (input.Outcome == IntroductionOutcome.Hired)
        {
            if (input.StartOn is not { } startOn || startOn.Year < 1900)
            {
                return IntroductionResult.Refused(IntroductionProblem.StartDateRequired);
            }

            request.HireStartOn = startOn;
        }

        var now = clock.GetUtcNow();
        request.Outcome = input.Outcome;
        request.OutcomeUpdatedAt = request.UpdatedAt = now;
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        db.IntroductionEvents.Add(new IntroductionEvent
        {
            RequestId = request.Id, At = now, ActorId = requesterId, Kind = IntroductionEventKind.OutcomeRecorded,
            State = request.State, Outcome = input.Outcome, Text = note,
        });
        notifications.Notify(request.ConnectorId, NotificationKinds.IntroductionOutcome, request.Id, actorId: requesterId);
        await webhooks.RaiseAsync(WebhookEventTypes.IntroductionOutcome, Webhooks.WebhookPayloads.Introduction(request), cancellationToken);
        return await SaveAsync(db, request, cancellationToken);
    }

    public async Task<IntroductionResult> PostMessageAsync(Guid actorId, Guid requestId, string? text, CancellationToken cancellationToken)
    {
        var request = await db.IntroductionRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || (request.RequesterId != actorId && request.ConnectorId != actorId))
        {
            return IntroductionResult.Refused(IntroductionProblem.NotYours);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return IntroductionResult.Refused(IntroductionProblem.MessageRequired);
        }

        if (text.Trim().Length > MaxMessageLength)
        {
            return IntroductionResult.Refused(IntroductionProblem.TooLong);
        }

        request.UpdatedAt = clock.GetUtcNow();
        AddEvent(request, actorId, IntroductionEventKind.Message, text.Trim());
        var other = actorId == request.RequesterId ? request.ConnectorId : request.RequesterId;
        notifications.Notify(other, NotificationKinds.IntroductionMessage, request.Id, actorId: actorId);
        return await SaveAsync(db, request, cancellationToken);
    }

    /// <summary>When a connector is deactivated, their pending requests end in a state that says so, and requesters are told.</summary>
    public async Task<int> CloseForInactiveConnectorAsync(Guid connectorId, CancellationToken cancellationToken)
    {
        var open = await db.IntroductionRequests
            .Where(r => r.ConnectorId == connectorId && (r.State == IntroductionState.Requested || r.State == IntroductionState.Accepted))
            .ToListAsync(cancellationToken);
        foreach (var request in open)
        {
            Move(request, IntroductionStateMachine.Next(request.State, IntroductionAction.CloseForInactiveConnector)!.Value, null,
                IntroductionEventKind.ClosedConnectorInactive, null);
            request.ClosedAt = request.UpdatedAt;
            notifications.Notify(request.RequesterId, NotificationKinds.IntroductionClosed, request.Id);
        }

        return open.Count;
    }

    /// <summary>What the requester may see of the person before the introduction is made.</summary>
    public static string Summary(Contact contact, bool revealName)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var parts = new List<string>();
        if (revealName)
        {
            parts.Add(contact.DisplayName);
        }

        if (!string.IsNullOrWhiteSpace(contact.Title))
        {
            parts.Add(contact.Title);
        }

        if (!string.IsNullOrWhiteSpace(contact.CompanyName))
        {
            parts.Add(contact.CompanyName);
        }

        return string.Join(" · ", parts);
    }

    private void Move(IntroductionRequest request, IntroductionState next, Guid? actorId, IntroductionEventKind kind, string? text)
    {
        request.State = next;
        request.UpdatedAt = clock.GetUtcNow();
        AddEvent(request, actorId, kind, text);
    }

    private void AddEvent(IntroductionRequest request, Guid? actorId, IntroductionEventKind kind, string? text) =>
        db.IntroductionEvents.Add(new IntroductionEvent
        {
            RequestId = request.Id,
            At = clock.GetUtcNow(),
            ActorId = actorId,
            Kind = kind,
            State = request.State,
            Outcome = request.Outcome,
            Text = text,
        });

    private Task<Guid?> FindPendingAsync(IntroductionRequest request, CancellationToken cancellationToken)
    {
        var open = db.IntroductionRequests.Where(r => r.RequesterId == request.RequesterId
            && (r.State == IntroductionState.Requested || r.State == IntroductionState.Accepted));
        open = request.ContactId is { } contactId
            ? open.Where(r => r.ContactId == contactId)
            : open.Where(r => r.ContactId == null && r.ConnectorId == request.ConnectorId && r.OrganizationId == request.OrganizationId);
        return open.Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The requester's pending request for the same person through another record: one whose person key is the same, or
    /// whose contact shares an email or phone with this one (the key holds one of them; this finds the others too).
    /// </summary>
    private async Task<Guid?> FindPendingForSamePersonAsync(IntroductionRequest request, CancellationToken cancellationToken)
    {
        if (request.ContactId is not { } contactId)
        {
            return null;
        }

        var target = await db.Contacts.AsNoTracking().Where(c => c.Id == contactId)
            .Select(c => new { c.Emails, c.PhonesE164 }).FirstOrDefaultAsync(cancellationToken);
        var emails = target?.Emails.ToArray() ?? [];
        var phones = target?.PhonesE164.ToArray() ?? [];
        var key = request.PersonKey;
        return await db.IntroductionRequests
            .Where(r => r.RequesterId == request.RequesterId && r.Id != request.Id && r.ContactId != contactId
                && (r.State == IntroductionState.Requested || r.State == IntroductionState.Accepted)
                && ((key != null && r.PersonKey == key)
                    || db.Contacts.Any(c => c.Id == r.ContactId && (c.Emails.Any(e => emails.Contains(e)) || c.PhonesE164.Any(p => phones.Contains(p))))))
            .OrderBy(r => r.CreatedAt)
            .Select(r => (Guid?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A declined request may be sent again within 30 days only with a new reason.</summary>
    private async Task<bool> DeclinedRecentlyForSameReasonAsync(IntroductionRequest request, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - DeclineCooldown;
        var declined = db.IntroductionRequests.Where(r => r.RequesterId == request.RequesterId
            && r.State == IntroductionState.Declined && r.ClosedAt >= since);
        declined = request.ContactId is { } contactId
            ? declined.Where(r => r.ContactId == contactId)
            : declined.Where(r => r.ConnectorId == request.ConnectorId && r.OrganizationId == request.OrganizationId);
        var reasons = await declined.Select(r => r.Reason).ToListAsync(cancellationToken);
        var reason = Normalize(request.Reason);
        return reasons.Any(r => Normalize(r) == reason);
    }

    private static string Normalize(string reason) =>
        string.Join(' ', reason.Normalize(System.Text.NormalizationForm.FormKC).ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<IntroductionResult> SaveNewAsync(IntroductionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return IntroductionResult.Done(request.Id);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two submits raced past the pending check; the database kept one request.
            db.ChangeTracker.Clear();
            if (await FindPendingAsync(request, cancellationToken) is { } pending)
            {
                return IntroductionResult.Done(pending, alreadyPending: true);
            }

            return await FindPendingForSamePersonAsync(request, cancellationToken) is { } samePerson
                ? IntroductionResult.RefusedFor(IntroductionProblem.PersonAlreadyRequested, samePerson)
                : IntroductionResult.Refused(IntroductionProblem.ChangedMeanwhile);
        }
    }

    /// <summary>Saves a change to <paramref name="request"/>; its row version refuses it when someone changed it meanwhile.</summary>
    internal static async Task<IntroductionResult> SaveAsync(AppDbContext db, IntroductionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return IntroductionResult.Done(request.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return IntroductionResult.Refused(IntroductionProblem.ChangedMeanwhile);
        }
    }
}
