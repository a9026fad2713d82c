using System.Text.Json.Serialization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Contacts;

/// <summary>A person outside the company, in one employee's network. Third-party personal data: the owner decides.</summary>
public sealed class Contact : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OwnerId { get; set; }
    [JsonIgnore]
    public AppUser? Owner { get; set; }

    public string? FamilyName { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyNameKana { get; set; }
    public string? GivenNameKana { get; set; }

    /// <summary>Name as shown (family first for Japanese names); derived, stored for listing.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Kana reading (hiragana) or the lowercased name: what lists sort by.</summary>
    public string SortKey { get; set; } = "";

    public Guid? OrganizationId { get; set; }
    [JsonIgnore]
    public Organization? Organization { get; set; }
    public string? CompanyName { get; set; }
    public string? Department { get; set; }
    public string? Title { get; set; }

    public List<string> Emails { get; set; } = [];

    /// <summary>Phone numbers as written.</summary>
    public List<string> Phones { get; set; } = [];

    /// <summary>The same numbers in E.164 (libphonenumber), for matching across people and files.</summary>
    public List<string> PhonesE164 { get; set; } = [];

    public List<string> Urls { get; set; } = [];
    public string? Address { get; set; }
    public List<string> Tags { get; set; } = [];
    public List<string> Expertise { get; set; } = [];
    public string? Notes { get; set; }

    public MeetingChannel Channel { get; set; } = MeetingChannel.Other;
    public DateOnly? MetOn { get; set; }
    public string? MetAt { get; set; }
    public Guid? IntroducedByUserId { get; set; }
    public Guid? IntroducedByContactId { get; set; }

    public int Depth { get; set; } = 1;
    public OpenTo OpenTo { get; set; }
    public ContactVisibility Visibility { get; set; }

    public DateOnly? LastContactedOn { get; set; }

    /// <summary>Days between touches; null means the default for the depth.</summary>
    public int? CadenceDays { get; set; }

    public DateOnly? NextTouchOn { get; set; }

    /// <summary>Reminders wait until this day; cleared when an interaction is logged.</summary>
    public DateOnly? SnoozedUntil { get; set; }
    public string? VCardUid { get; set; }

    /// <summary>
    /// The person asked the company to stop using their data (利用停止): the record stays with its owner, but it leaves
    /// discovery, exports and campaigns. Set only through the privacy requests page.
    /// </summary>
    public bool UseStopped { get; set; }

    /// <summary>Lowercased names, readings, company, title, tags, notes and emails: what search matches.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>Created by an import and not yet looked at by the owner: listed in the "to review" queue until edited or triaged.</summary>
    public bool ReviewPending { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
