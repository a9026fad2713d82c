using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Discover;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>A contact as the API returns it; <see cref="ReadOnly"/> for a colleague's Shared contact.</summary>
public sealed record ApiContact(
    Guid Id, Guid OwnerId, string? OwnerName, bool ReadOnly, string DisplayName, string? FamilyName, string? GivenName, string? FamilyNameKana, string? GivenNameKana,
    string? CompanyName, Guid? OrganizationId, string? Department, string? Title, IReadOnlyList<string> Emails, IReadOnlyList<string> Phones,
    IReadOnlyList<string> Urls, string? Address, IReadOnlyList<string> Tags, IReadOnlyList<string> Expertise, string? Notes,
    MeetingChannel Channel, DateOnly? MetOn, string? MetAt, Guid? IntroducedByUserId, Guid? IntroducedByContactId, int Depth, OpenTo OpenTo,
    ContactVisibility Visibility, int? CadenceDays, DateOnly? LastContactedOn, DateOnly? NextTouchOn, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ApiContact From(Contact c, Guid caller)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new ApiContact(c.Id, c.OwnerId, c.Owner?.DisplayName, c.OwnerId != caller, c.DisplayName, c.FamilyName, c.GivenName, c.FamilyNameKana, c.GivenNameKana,
            c.CompanyName, c.OrganizationId, c.Department, c.Title, c.Emails, c.Phones, c.Urls, c.Address, c.Tags, c.Expertise, c.Notes,
            c.Channel, c.MetOn, c.MetAt, c.IntroducedByUserId, c.IntroducedByContactId, c.Depth, c.OpenTo, c.Visibility, c.CadenceDays,
            c.LastContactedOn, c.NextTouchOn, c.CreatedAt, c.UpdatedAt);
    }
}

/// <summary>A new contact or the whole of an existing one (PUT): the contact form's fields, lists as arrays.</summary>
public sealed record ApiContactInput(
    string? FamilyName, string? GivenName, string? FamilyNameKana, string? GivenNameKana, string? CompanyName, string? Department, string? Title,
    IReadOnlyList<string>? Emails, IReadOnlyList<string>? Phones, IReadOnlyList<string>? Urls, string? Address, IReadOnlyList<string>? Tags,
    IReadOnlyList<string>? Expertise, string? Notes, MeetingChannel? Channel, DateOnly? MetOn, string? MetAt, Guid? IntroducedByUserId,
    Guid? IntroducedByContactId, int? Depth, OpenTo? OpenTo, ContactVisibility? Visibility, int? CadenceDays)
{
    /// <summary>The form's model: the pages' validation and writer take it from here (a missing visibility is Private, as on the form).</summary>
    public ContactInput ToForm()
    {
        var openTo = OpenTo ?? Core.Features.Contacts.OpenTo.None;
        return new ContactInput
        {
            FamilyName = FamilyName,
            GivenName = GivenName,
            FamilyNameKana = FamilyNameKana,
            GivenNameKana = GivenNameKana,
            CompanyName = CompanyName,
            Department = Department,
            Title = Title,
            Emails = Lines(Emails),
            Phones = Lines(Phones),
            Urls = Lines(Urls),
            Address = Address,
            Tags = Lines(Tags),
            Expertise = Lines(Expertise),
            Notes = Notes,
            Channel = Channel ?? MeetingChannel.Other,
            MetOn = MetOn,
            MetAt = MetAt,
            IntroducedByUserId = IntroducedByUserId,
            IntroducedByContactId = IntroducedByContactId,
            Depth = Depth ?? 1,
            OpenToSales = openTo.HasFlag(Core.Features.Contacts.OpenTo.SalesIntroductions),
            OpenToHiring = openTo.HasFlag(Core.Features.Contacts.OpenTo.Hiring),
            OpenToAdvising = openTo.HasFlag(Core.Features.Contacts.OpenTo.Advising),
            Visibility = Visibility ?? ContactVisibility.Private,
            CadenceDays = CadenceDays,
        };
    }

    private static string? Lines(IReadOnlyList<string>? values) => values is null ? null : string.Join("\n", values);
}

public sealed record ApiInteraction(Guid Id, Guid ContactId, InteractionKind Kind, DateOnly OccurredOn, string? Note, Guid CreatedByUserId, DateTimeOffset CreatedAt)
{
    public static ApiInteraction From(Interaction i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new ApiInteraction(i.Id, i.ContactId, i.Kind, i.OccurredOn, i.Note, i.CreatedByUserId, i.CreatedAt);
    }
}

/// <summary>A logged touch: the kind (meeting, call, email…), the day (default today in the company's time zone) and a note.</summary>
public sealed record ApiInteractionInput(InteractionKind Kind, DateOnly? OccurredOn, string? Note);

/// <summary>
/// A colleague's contact found by discovery, exactly as the Discover page shows it: a Shared one with its name and the
/// colleague; a Discoverable one with only the colleague's department, the title, the company and the strength.
/// </summary>
public sealed record ApiDiscoveryHit(
    Guid ContactId, ContactVisibility Visibility, string? DisplayName, string? OwnerName, Guid? OwnerId, string? OwnerDepartment,
    string? Title, string? CompanyName, Guid? OrganizationId, OpenTo OpenTo, int Strength, int Depth, int Interactions)
{
    public static ApiDiscoveryHit From(DiscoveryHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return new ApiDiscoveryHit(hit.ContactId, hit.Visibility, hit.DisplayName, hit.OwnerName, hit.OwnerId, hit.OwnerDepartment,
            hit.Title, hit.CompanyName, hit.OrganizationId, hit.OpenTo, hit.Strength.Score, hit.Strength.Depth, hit.Strength.Interactions);
    }
}

public sealed record ApiDiscovery(IReadOnlyList<ApiDiscoveryHit> Items, int Total, bool TotalIsAtLeast, int Page, int PageCount);
