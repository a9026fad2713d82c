using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>Who can be named as the introducer: an active colleague, or another of the owner's own contacts.</summary>
public sealed class IntroducerChoices(AppDbContext db)
{
    public sealed record Options(IReadOnlyList<SelectListItem> Colleagues, IReadOnlyList<SelectListItem> Contacts);

    public async Task<Options> LoadAsync(Guid ownerId, Guid? exceptContactId, CancellationToken cancellationToken)
    {
        var colleagues = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Id != ownerId)
            .OrderBy(u => u.DisplayNameKana ?? u.DisplayName)
            .Select(u => new SelectListItem(u.DisplayName, u.Id.ToString())).ToListAsync(cancellationToken);
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.OwnerId == ownerId && c.Id != exceptContactId)
            .OrderBy(c => c.SortKey)
            .Select(c => new SelectListItem(c.DisplayName, c.Id.ToString())).ToListAsync(cancellationToken);
        return new Options(colleagues, contacts);
    }

    /// <summary>An introducer id must be an active colleague or one of the owner's contacts; anything else is refused.</summary>
    public async Task ValidateAsync(ContactInput input, Guid ownerId, ModelStateDictionary modelState, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(l);
        if (input.IntroducedByUserId is { } userId && !await db.Users.AnyAsync(u => u.Id == userId && u.IsActive && u.Id != ownerId, cancellationToken))
        {
            modelState.AddModelError("Input.IntroducedByUserId", l["Choose from the list."]);
        }

        if (input.IntroducedByContactId is { } contactId && !await db.Contacts.AnyAsync(c => c.Id == contactId && c.OwnerId == ownerId, cancellationToken))
        {
            modelState.AddModelError("Input.IntroducedByContactId", l["Choose from the list."]);
        }
    }
}
