using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Contacts.Interchange;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Web.Features.Cards;

/// <summary>
/// Turns what a visitor left on a card into the owner's contact: channel "exchange event", met today, Private and waiting
/// in the owner's "to review" queue (anyone can type anything here, so the owner checks it before colleagues can discover
/// it), tagged <see cref="Tag"/>, with the message as the note. The owner gets an in-app notification.
/// </summary>
public sealed class CardContactIntake(
    AppDbContext db,
    ContactWriter writer,
    Privacy.SuppressionList suppressions,
    AuditLog audit,
    NotificationCenter notifications,
    ITenantContextAccessor tenantContext,
    TimeProvider clock)
{
    /// <summary>The tag that marks a contact as left on the owner's business card.</summary>
    public const string Tag = "business-card";

    public static void Validate(CardVisitorInput input, ModelStateDictionary modelState, IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(l);
        if (input.Email is { Length: > 0 } email && !ValueLists.IsEmail(email.Trim()))
        {
            modelState.AddModelError("Input.Email", l["'{0}' is not a valid email address.", email]);
        }

        if (input.Phone is { Length: > 0 } phone && !ContactFormValidation.LooksLikePhone(phone))
        {
            modelState.AddModelError("Input.Phone", l["'{0}' is not a phone number.", phone]);
        }
    }

    /// <returns>Whether a contact was created (not when the person asked the company to erase their data).</returns>
    public async Task<bool> LeaveAsync(PublicCard card, CardVisitorInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(input);
        var emails = input.Email is { Length: > 0 } email ? new List<string> { email.Trim() } : [];
        var phones = input.Phone is { Length: > 0 } phone ? new List<string> { phone.Trim() } : [];
        if (await suppressions.IsSuppressedAsync(emails, phones, cancellationToken))
        {
            return false;
        }

        var (family, given) = PersonNames.ContainsCjk(input.Name) ? PersonNames.SplitFamilyFirst(input.Name) : PersonNames.SplitDisplayName(input.Name);
        var (familyKana, givenKana) = PersonNames.SplitFamilyFirst(input.NameKana);
        var contact = new Contact { OwnerId = card.OwnerId };
        await writer.ApplyAsync(contact, new ContactInput
        {
            FamilyName = family,
            GivenName = given,
            FamilyNameKana = familyKana,
            GivenNameKana = givenKana,
            CompanyName = input.Company,
            Title = input.Title,
            Emails = string.Join('\n', emails),
            Phones = string.Join('\n', phones),
            Notes = input.Message,
            Tags = Tag,
            Channel = MeetingChannel.ExchangeEvent,
            MetOn = TenantClock.Today(tenantContext.Tenant!, clock),
            Depth = RelationshipDepth.Min,
            Visibility = ContactVisibility.Private,
        }, cancellationToken);
        contact.ReviewPending = true;
        db.Contacts.Add(contact);
        notifications.Notify(card.OwnerId, NotificationKinds.CardContactLeft);
        audit.Record(AuditActions.CardContactLeft, card.Address[..card.Address.LastIndexOf('-')], $"contact {contact.Id} for user {card.OwnerId}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
