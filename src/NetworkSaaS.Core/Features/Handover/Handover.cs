using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Handover;

/// <summary>
/// One leaver's handover: who takes over their relationships, and since when it runs. Planned before the
/// deactivation (by an Admin or the leaver) it has no <see cref="StartedAt"/>; the deactivation starts it.
/// </summary>
public sealed class LeaverHandover : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid LeaverId { get; set; }
    public Guid SuccessorId { get; set; }

    /// <summary>When the leaver was deactivated and the handover began; Private contacts' N days count from here.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What the leaver decided for one of their Private contacts. Stored as a number: never renumber.</summary>
public enum PrivateContactDecision
{
    HandOver = 1,
    Delete = 2,
}

/// <summary>The leaver's own decision for one Private contact, applied when they are deactivated.</summary>
public sealed class LeaverContactDecision : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ContactId { get; set; }
    public Guid LeaverId { get; set; }
    public PrivateContactDecision Decision { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>
/// One contact passing from a colleague to another: the history behind "formerly known by …" and the successor's list.
/// </summary>
public sealed class ContactHandover : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ContactId { get; set; }
    public Guid FromUserId { get; set; }
    public Guid ToUserId { get; set; }
    public DateTimeOffset HandedOverAt { get; set; }

    /// <summary>The Admin who handed it over; null when the deactivation or the leaver's own decision did.</summary>
    public Guid? ByUserId { get; set; }

    /// <summary>Why an Admin handed over a Private contact the leaver did not decide about.</summary>
    public string? Reason { get; set; }

    public const int ReasonMaxLength = 500;
}

/// <summary>
/// The company's rule for Private contacts a leaver did not decide about (名刺は会社の資産 or not). Stored as a number.
/// </summary>
public enum LeaverPrivateContactPolicy
{
    /// <summary>They are deleted <see cref="Tenancy.Tenant.LeaverPrivateContactDays"/> days after the deactivation.</summary>
    DeleteAfterDays = 1,

    /// <summary>An Admin may hand them over, with a reason that is audited; until then they stay hidden with the leaver.</summary>
    AdminMayHandOver = 2,
}

public static class LeaverPrivateContactDefaults
{
    public const int Days = 30;
    public const int MaxDays = 365;
}
