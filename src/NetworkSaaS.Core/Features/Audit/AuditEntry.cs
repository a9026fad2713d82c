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
    public const string ContactsBulkChanged = "contacts.bulk.changed";
    public const string ContactsBulkUndone = "contacts.bulk.undone";
    public const string ImportUndone = "contacts.import.undone";
    public const string SignedIn = "account.signed-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string LockedOut = "account.locked-out";
    public const string PasswordResetRequested = "account.password-reset-requested";
    public const string PasswordReset = "account.password-reset";
    public const string SessionRevoked = "account.session-revoked";
    public const string SessionsRevoked = "account.sessions-revoked";
    public const string MfaEnabled = "account.mfa.enabled";
    public const string MfaDisabled = "account.mfa.disabled";
    public const string MfaRecoveryCodesRegenerated = "account.mfa.recovery_codes_regenerated";
    public const string MfaRecoveryCodeUsed = "account.mfa.recovery_code_used";
    public const string MfaFailed = "account.mfa.failed";
    public const string MfaReset = "account.mfa.reset";
    public const string MfaRememberedBrowsersForgotten = "account.mfa.remembered_browsers_forgotten";
    public const string MfaPolicyChanged = "tenant.mfa_policy_changed";
    public const string PasskeyAdded = "account.passkey.added";
    public const string PasskeyRemoved = "account.passkey.removed";
    public const string PasskeySignIn = "account.passkey.signin";
    public const string PasswordChanged = "account.password.changed";
    public const string ScimTokenCreated = "scim.token.created";
    public const string ScimTokenRevoked = "scim.token.revoked";
    public const string ScimUserCreated = "scim.user.created";
    public const string ScimUserUpdated = "scim.user.updated";
    public const string ScimUserDeleted = "scim.user.deleted";
    public const string ScimGroupCreated = "scim.group.created";
    public const string ScimGroupUpdated = "scim.group.updated";
    public const string ScimGroupDeleted = "scim.group.deleted";
    public const string HandoverPlanned = "user.handover.planned";
    public const string HandoverStarted = "user.handover.started";
    public const string ContactsHandedOver = "contacts.handed-over";
    public const string PrivateContactHandedOver = "contact.private-handed-over";
    public const string LeaverContactsDeleted = "contacts.leaver-deleted";
    public const string LeaverPolicyChanged = "tenant.leaver_policy_changed";
    public const string OrganizationUpdated = "organization.updated";
    public const string PrivacyRequestLogged = "privacy.request.logged";
    public const string PrivacyRequestClosed = "privacy.request.closed";
    public const string PrivacyPersonSearched = "privacy.person.searched";
    public const string PrivacyPersonExported = "privacy.person.exported";
    public const string PrivacyPersonCorrected = "privacy.person.corrected";
    public const string PrivacyPersonUseStopped = "privacy.person.use-stopped";
    public const string PrivacyPersonErased = "privacy.person.erased";
    public const string PrivacySettingsChanged = "privacy.settings-changed";
    public const string SsoConnectionAdded = "sso.connection.added";
    public const string SsoConnectionChanged = "sso.connection.changed";
    public const string SsoConnectionRemoved = "sso.connection.removed";
    public const string SsoConnectionTested = "sso.connection.tested";
    public const string SsoDomainRefused = "sso.domain.refused";
    public const string SsoGroupRoleAdded = "sso.group-role.added";
    public const string SsoGroupRoleRemoved = "sso.group-role.removed";
    public const string SsoUserProvisioned = "sso.user.provisioned";
    public const string SsoUserLinked = "sso.user.linked";
    public const string SsoSignInRefused = "sso.sign-in.refused";
    public const string SsoPasswordRefused = "sso.password.refused";
    public const string SsoBreakGlass = "sso.break-glass";
    public const string CardEnabled = "card.enabled";
    public const string CardDisabled = "card.disabled";
    public const string CardLinkRegenerated = "card.link-regenerated";
    public const string CardContactLeft = "card.contact-left";

    public const string ApiTokenCreated = "api.token.created";
    public const string ApiTokenRevoked = "api.token.revoked";
    public const string ApiContactCreated = "api.contact.created";
    public const string ApiContactUpdated = "api.contact.updated";
    public const string ApiContactDeleted = "api.contact.deleted";
    public const string ApiInteractionLogged = "api.interaction.logged";

    public static IReadOnlyList<string> All { get; } =
    [
        TenantCreated, UserInvited, InvitationRevoked, InvitationAccepted, InvitationExpired, RolesChanged,
        DepartmentChanged, UserDeactivated, UserReactivated, SettingsChanged, DepartmentAdded, SharedContactViewed,
        IntroducedContactViewed, CompanyContactsExported, HrReviewExported, ContactsBulkChanged, ContactsBulkUndone, ImportUndone,
        SignedIn, SignInFailed, LockedOut, PasswordResetRequested, PasswordReset, SessionRevoked, SessionsRevoked,
        MfaEnabled, MfaDisabled, MfaRecoveryCodesRegenerated, MfaRecoveryCodeUsed, MfaFailed, MfaReset,
        MfaRememberedBrowsersForgotten, MfaPolicyChanged,
        PasskeyAdded, PasskeyRemoved, PasskeySignIn, PasswordChanged,
        ScimTokenCreated, ScimTokenRevoked, ScimUserCreated, ScimUserUpdated, ScimUserDeleted, ScimGroupCreated, ScimGroupUpdated, ScimGroupDeleted,
        HandoverPlanned, HandoverStarted, ContactsHandedOver, PrivateContactHandedOver, LeaverContactsDeleted, LeaverPolicyChanged,
        OrganizationUpdated,
        PrivacyRequestLogged, PrivacyRequestClosed, PrivacyPersonSearched, PrivacyPersonExported, PrivacyPersonCorrected,
        PrivacyPersonUseStopped, PrivacyPersonErased, PrivacySettingsChanged,
        SsoConnectionAdded, SsoConnectionChanged, SsoConnectionRemoved, SsoConnectionTested, SsoDomainRefused,
        SsoGroupRoleAdded, SsoGroupRoleRemoved, SsoUserProvisioned, SsoUserLinked, SsoSignInRefused, SsoPasswordRefused,
        SsoBreakGlass,
        CardEnabled, CardDisabled, CardLinkRegenerated, CardContactLeft,
        ApiTokenCreated, ApiTokenRevoked, ApiContactCreated, ApiContactUpdated, ApiContactDeleted, ApiInteractionLogged,
    ];
}
