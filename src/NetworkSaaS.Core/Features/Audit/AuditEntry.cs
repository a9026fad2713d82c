using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Audit;

/// <summary>Who did what to whom, for the tenant admin. Action is a stable code (see <see cref="AuditActions"/>).</summary>
public sealed class AuditEntry : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; set; }
    public Guid? ActorUserId { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public string? Details { get; set; }
}

public static class AuditActions
{
    public const string TenantCreated = "tenant.created";
    public const string UserInvited = "user.invited";
    public const string InvitationRevoked = "invitation.revoked";
    public const string InvitationAccepted = "invitation.accepted";
    public const string InvitationExpired = "invitation.expired";
    public const string RolesChanged = "user.roles-changed";
    public const string DepartmentChanged = "user.department.changed";
    public const string UserDeactivated = "user.deactivated";
    public const string UserReactivated = "user.reactivated";
    public const string SettingsChanged = "tenant.settings-changed";
    public const string DepartmentAdded = "department.added";
    public const string SharedContactViewed = "contact.shared-viewed";
    public const string IntroducedContactViewed = "contact.introduced-viewed";
    public const string CompanyContactsExported = "contacts.company-exported";
    public const string HrReviewExported = "hr-review.exported";

    public static IReadOnlyList<string> All { get; } =
    [
        TenantCreated, UserInvited, InvitationRevoked, InvitationAccepted, InvitationExpired, RolesChanged,
        DepartmentChanged, UserDeactivated, UserReactivated, SettingsChanged, DepartmentAdded, SharedContactViewed,
        IntroducedContactViewed, CompanyContactsExported, HrReviewExported,
    ];
}
