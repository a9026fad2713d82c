using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Privacy;

/// <summary>
/// A request from a person in the company's network about their own data (APPI 開示・訂正・利用停止・消去; GDPR Art. 15–17),
/// logged by whoever handles privacy requests. The contact details are the ones the person gave, as given.
/// </summary>
public sealed class PrivacyRequest : ITenantOwned
{
    public const int ReferenceMaxLength = 40;
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 40;
    public const int NoteMaxLength = 2000;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>What the company calls the request in its own correspondence; every audit entry about it names it.</summary>
    public required string Reference { get; set; }

    public string? PersonName { get; set; }
    public string? PersonEmail { get; set; }
    public string? PersonPhone { get; set; }
    public PrivacyRequestKind Kind { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public DateOnly DueOn { get; set; }
    public PrivacyRequestStatus Status { get; set; } = PrivacyRequestStatus.Open;
    public string? Note { get; set; }
    public Guid LoggedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public bool IsOverdue(DateOnly today) => Status == PrivacyRequestStatus.Open && DueOn < today;
}

/// <summary>Stored as a number: never renumber.</summary>
public enum PrivacyRequestKind
{
    /// <summary>開示 / GDPR Art. 15: what does the company hold about me?</summary>
    Disclosure = 1,

    /// <summary>訂正 / Art. 16.</summary>
    Correction = 2,

    /// <summary>利用停止 / Art. 18 and 21: keep it, but stop using it.</summary>
    StopUse = 3,

    /// <summary>消去 / Art. 17.</summary>
    Erasure = 4,
}

public enum PrivacyRequestStatus
{
    Open = 0,
    Closed = 1,
}

/// <summary>Who handles privacy requests, chosen by the company on its settings page. Stored as a number.</summary>
public enum PrivacyHandlers
{
    AdminOnly = 0,
    AdminAndHR = 1,
}

/// <summary>The company's defaults for privacy requests, and the range an admin may choose the due period from.</summary>
public static class PrivacyRequestDefaults
{
    /// <summary>
    /// APPI asks for an answer "without delay" (遅滞なく) and names no number of days; GDPR allows one month. Fourteen days
    /// meets both with room to spare; the company may choose another period, and each request's due date can be set.
    /// </summary>
    public const int DueDays = 14;

    public const int MaxDueDays = 90;

    public static bool IsValidDueDays(int days) => days is >= 1 and <= MaxDueDays;
}

/// <summary>
/// Someone erased at their own request: a keyed hash (HMAC-SHA-256) of one of their email addresses or phone numbers,
/// never the address or number itself. Imports and the manual add form skip a person whose email or phone hashes to an
/// entry here.
/// </summary>
public sealed class PrivacySuppression : ITenantOwned
{
    /// <summary>The HMAC-SHA-256 in lowercase hex.</summary>
    public const int HashLength = 64;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string KeyHash { get; set; }
    public Guid? RequestId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The company's suppression key: 32 random bytes, stored only as the app's data protection has encrypted them
/// (those keys are in turn encrypted by the data protection certificate). One per company.
/// </summary>
public sealed class PrivacyKey : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string ProtectedKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
