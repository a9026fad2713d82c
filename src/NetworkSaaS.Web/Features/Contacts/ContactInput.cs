using System.ComponentModel.DataAnnotations;
using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>The contact form (new and edit). Lists are typed as text: one value per line or comma-separated.</summary>
public sealed class ContactInput
{
    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    public string? FamilyName { get; set; }

    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    public string? GivenName { get; set; }

    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    public string? FamilyNameKana { get; set; }

    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    public string? GivenNameKana { get; set; }

    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    public string? CompanyName { get; set; }

    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    public string? Department { get; set; }

    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    public string? Title { get; set; }

    [StringLength(2000, ErrorMessage = "Use at most {1} characters.")]
    public string? Emails { get; set; }

    [StringLength(2000, ErrorMessage = "Use at most {1} characters.")]
    public string? Phones { get; set; }

    [StringLength(2000, ErrorMessage = "Use at most {1} characters.")]
    public string? Urls { get; set; }

    [StringLength(1000, ErrorMessage = "Use at most {1} characters.")]
    public string? Address { get; set; }

    [StringLength(1000, ErrorMessage = "Use at most {1} characters.")]
    public string? Tags { get; set; }

    [StringLength(1000, ErrorMessage = "Use at most {1} characters.")]
    public string? Expertise { get; set; }

    [StringLength(10_000, ErrorMessage = "Use at most {1} characters.")]
    public string? Notes { get; set; }

    public MeetingChannel Channel { get; set; } = MeetingChannel.Other;

    public DateOnly? MetOn { get; set; }

    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    public string? MetAt { get; set; }

    /// <summary>With the "introduced by someone" channel: the colleague who introduced them…</summary>
    public Guid? IntroducedByUserId { get; set; }

    /// <summary>…or another of the owner's contacts.</summary>
    public Guid? IntroducedByContactId { get; set; }

    [Range(1, 5, ErrorMessage = "Choose a depth from 1 to 5.")]
    public int Depth { get; set; } = 1;

    public bool OpenToSales { get; set; }
    public bool OpenToHiring { get; set; }
    public bool OpenToAdvising { get; set; }

    public ContactVisibility Visibility { get; set; }

    [Range(7, 730, ErrorMessage = "Choose between {1} and {2} days.")]
    public int? CadenceDays { get; set; }

    public OpenTo OpenTo =>
        (OpenToSales ? OpenTo.SalesIntroductions : OpenTo.None)
        | (OpenToHiring ? OpenTo.Hiring : OpenTo.None)
        | (OpenToAdvising ? OpenTo.Advising : OpenTo.None);

    public static ContactInput From(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new ContactInput
        {
            FamilyName = contact.FamilyName,
            GivenName = contact.GivenName,
            FamilyNameKana = contact.FamilyNameKana,
            GivenNameKana = contact.GivenNameKana,
            CompanyName = contact.CompanyName,
            Department = contact.Department,
            Title = contact.Title,
            Emails = string.Join("\n", contact.Emails),
            Phones = string.Join("\n", contact.Phones),
            Urls = string.Join("\n", contact.Urls),
            Address = contact.Address,
            Tags = string.Join(", ", contact.Tags),
            Expertise = string.Join(", ", contact.Expertise),
            Notes = contact.Notes,
            Channel = contact.Channel,
            MetOn = contact.MetOn,
            MetAt = contact.MetAt,
            IntroducedByUserId = contact.IntroducedByUserId,
            IntroducedByContactId = contact.IntroducedByContactId,
            Depth = contact.Depth,
            OpenToSales = contact.OpenTo.HasFlag(OpenTo.SalesIntroductions),
            OpenToHiring = contact.OpenTo.HasFlag(OpenTo.Hiring),
            OpenToAdvising = contact.OpenTo.HasFlag(OpenTo.Advising),
            Visibility = contact.Visibility,
            CadenceDays = contact.CadenceDays,
        };
    }
}
