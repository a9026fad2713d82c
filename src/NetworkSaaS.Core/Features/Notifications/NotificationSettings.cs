using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Notifications;

/// <summary>How often a user gets the stay-in-touch digest. Stored as a number: never renumber.</summary>
public enum DigestFrequency
{
    Off = 0,
    Daily = 1,
    Weekly = 2,
}

/// <summary>
/// One user's notification settings. A user without a row has the defaults below (a daily digest at 08:00 in the
/// company's time zone, also by email): the digest is only sent on a day when some contact is due.
/// </summary>
public sealed class NotificationSettings : ITenantOwned
{
    public const int DefaultHour = 8;

    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public DigestFrequency DigestFrequency { get; set; } = DigestFrequency.Daily;

    /// <summary>The day of a weekly digest (ignored for daily digests).</summary>
    public DayOfWeek DigestDay { get; set; } = DayOfWeek.Monday;

    /// <summary>Local hour (0–23, company time zone) from which the digest of the day is due.</summary>
    public int DigestHour { get; set; } = DefaultHour;

    public bool DigestByEmail { get; set; } = true;

    /// <summary>Whether notifications about introductions (requests, answers, reminders…) also come by email.</summary>
    public bool IntroductionsByEmail { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The idempotency record of one stay-in-touch digest: at most one per (tenant, user, local day of the digest), inserted
/// in the same transaction as the in-app notification. The email is sent after that commit and marked here.
/// </summary>
public sealed class DigestDelivery : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The digest period: the day (company time zone) the digest is for. Part of the primary key.</summary>
    public DateOnly DigestOn { get; set; }

    public Guid NotificationId { get; set; }
    public int DueCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether the user wanted the email when the digest was made.</summary>
    public bool EmailWanted { get; set; }

    public DateTimeOffset? EmailSentAt { get; set; }
}
