using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Introductions;

public enum AskState
{
    Open = 1,
    Closed = 2,
}

/// <summary>
/// A need posted on the asks board ("intro to purchasing at Toyota"); colleagues answer with someone they know.
/// Open positions for referral hiring are asks of purpose <see cref="IntroductionPurpose.ReferralHire"/> that HR
/// manages (<see cref="IsPosition"/>), with a department and a referral reward note.
/// </summary>
public sealed class Ask : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AuthorId { get; set; }
    public IntroductionPurpose Purpose { get; set; }
    public string Title { get; set; } = "";
    public string? Details { get; set; }
    public string? CompanyName { get; set; }
    public Guid? OrganizationId { get; set; }
    public bool IsPosition { get; set; }
    public Guid? DepartmentId { get; set; }
    public string? RewardNote { get; set; }
    public AskState State { get; set; } = AskState.Open;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}
