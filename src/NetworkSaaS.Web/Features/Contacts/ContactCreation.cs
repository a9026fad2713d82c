using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>
/// The one way a person adds a contact by hand (the full form and the quick add): the form's rules, the introducer
/// check and the erasure list, then <see cref="ContactWriter"/>.
/// </summary>
public sealed class ContactCreation(AppDbContext db, ContactWriter writer, IntroducerChoices introducers, Privacy.SuppressionList suppressions,
    IStringLocalizer<SharedResource> l)
{
    /// <summary>Saves a new contact of <paramref name="ownerId"/>; null (with the reasons in the model state) when refused.</summary>
    public async Task<Contact?> CreateAsync(Guid ownerId, ContactInput input, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(modelState);
        ContactFormValidation.Validate(input, modelState, l);
        await introducers.ValidateAsync(input, ownerId, modelState, l, cancellationToken);
        if (modelState.IsValid && await suppressions.IsSuppressedAsync(ValueLists.Split(input.Emails), ValueLists.Split(input.Phones, linesOnly: true), cancellationToken))
        {
            // "Input": the form partial is rendered with that prefix, and its summary shows model errors of the prefix.
            modelState.AddModelError("Input", l["This person asked the company to erase their data (their email or phone matches an erasure), so they cannot be added again."]);
        }

        if (!modelState.IsValid)
        {
            return null;
        }

        var contact = new Contact { OwnerId = ownerId };
        await writer.ApplyAsync(contact, input, cancellationToken);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(cancellationToken);
        return contact;
    }

    /// <summary>
    /// The place or event of the owner's most recently added exchange-event contact (imports never fill it), so the
    /// next person met at the same event is one field shorter.
    /// </summary>
    public Task<string?> LastEventAsync(Guid ownerId, CancellationToken cancellationToken) =>
        db.Contacts.AsNoTracking()
            .Where(c => c.OwnerId == ownerId && c.Channel == MeetingChannel.ExchangeEvent && c.MetAt != null)
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => c.MetAt)
            .FirstOrDefaultAsync(cancellationToken);
}
