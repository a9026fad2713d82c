using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Admin;

namespace NetworkSaaS.Tests.Isolation;

/// <summary>
/// Every page under /{tenant}/: how to address it and which POST handlers it has. A page missing here, or a
/// handler missing from its row, fails <see cref="TenantIsolationTests.Every_tenant_page_and_handler_is_in_the_isolation_matrix"/>.
/// </summary>
public static class TenantPageMatrix
{
    public sealed record Row(string Route, Type Model, Func<MatrixIds, string> Path, params string[] PostHandlers);

    /// <summary>Ids of resources that exist in the tenant whose path is used (so a leak would show real data).</summary>
    public sealed record MatrixIds(Guid UserId, Guid InvitationId, string InvitationToken, Guid ContactId, Guid OtherContactId, Guid OrganizationId, Guid ImportBatchId,
        Guid IntroductionId, Guid AskId, Guid ExportId);

    public static IReadOnlyList<Row> Rows { get; } =
    [
        new("{tenant:slug}", typeof(Web.Features.Home.IndexModel), _ => ""),
        new("{tenant:slug}/account/login", typeof(LoginModel), _ => "account/login", ""),
        new("{tenant:slug}/account/logout", typeof(LogoutModel), _ => "account/logout", ""),
        new("{tenant:slug}/account/forgot-password", typeof(ForgotPasswordModel), _ => "account/forgot-password", ""),
        new("{tenant:slug}/account/reset-password", typeof(ResetPasswordModel), ids => $"account/reset-password?userId={ids.UserId}&token=x", ""),
        new("{tenant:slug}/account/invitation", typeof(AcceptInvitationModel), ids => $"account/invitation?token={ids.InvitationToken}", ""),
        new("{tenant:slug}/account/profile", typeof(ProfileModel), _ => "account/profile", ""),
        new("{tenant:slug}/account/login/passkey", typeof(PasskeyLoginModel), _ => "account/login/passkey", "", "Options"),
        new("{tenant:slug}/account/security", typeof(Web.Features.Accounts.Security.IndexModel), _ => "account/security"),
        new("{tenant:slug}/account/security/passkeys", typeof(Web.Features.Accounts.Security.PasskeysModel), _ => "account/security/passkeys",
            "CreationOptions", "Add", "Rename", "Delete"),
        new("{tenant:slug}/account/security/password", typeof(Web.Features.Accounts.Security.PasswordModel), _ => "account/security/password", ""),
        new("{tenant:slug}/admin", typeof(IndexModel), ids => "admin", "Invite", "Revoke"),
        new("{tenant:slug}/admin/users/{id:guid}", typeof(UserModel), ids => $"admin/users/{ids.UserId}", "Roles", "Deactivate", "Reactivate"),
        new("{tenant:slug}/admin/settings", typeof(SettingsModel), _ => "admin/settings", "", "AddDepartment", "Reminders", "Campaigns"),
        new("{tenant:slug}/admin/audit", typeof(AuditModel), _ => "admin/audit"),
        new("{tenant:slug}/contacts", typeof(Web.Features.Contacts.IndexModel), _ => "contacts"),
        new("{tenant:slug}/contacts/new", typeof(Web.Features.Contacts.CreateModel), _ => "contacts/new", ""),
        new("{tenant:slug}/contacts/{id:guid}", typeof(Web.Features.Contacts.DetailsModel), ids => $"contacts/{ids.ContactId}", "LogInteraction", "Snooze", "UndoMerge"),
        new("{tenant:slug}/contacts/{id:guid}/edit", typeof(Web.Features.Contacts.EditModel), ids => $"contacts/{ids.ContactId}/edit", ""),
        new("{tenant:slug}/contacts/{id:guid}/delete", typeof(Web.Features.Contacts.DeleteModel), ids => $"contacts/{ids.ContactId}/delete", ""),
        new("{tenant:slug}/contacts/{id:guid}/merge/{otherId:guid}", typeof(Web.Features.Contacts.MergeModel), ids => $"contacts/{ids.ContactId}/merge/{ids.OtherContactId}", ""),
        new("{tenant:slug}/contacts/duplicates", typeof(Web.Features.Contacts.DuplicatesModel), _ => "contacts/duplicates"),
        new("{tenant:slug}/contacts/export/{format:regex(^(vcf|csv)$)}", typeof(Web.Features.Contacts.ExportModel), _ => "contacts/export/csv"),
        new("{tenant:slug}/contacts/import", typeof(Web.Features.Contacts.Import.IndexModel), _ => "contacts/import", ""),
        new("{tenant:slug}/contacts/import/{id:guid}", typeof(Web.Features.Contacts.Import.BatchModel), ids => $"contacts/import/{ids.ImportBatchId}", "Start"),
        new("{tenant:slug}/companies/{id:guid}", typeof(Web.Features.Companies.DetailsModel), ids => $"companies/{ids.OrganizationId}"),
        new("{tenant:slug}/discover", typeof(Web.Features.Discover.IndexModel), _ => "discover?company=Client"),
        new("{tenant:slug}/introductions", typeof(Web.Features.Introductions.IndexModel), _ => "introductions?view=AskedOfMe"),
        new("{tenant:slug}/introductions/new", typeof(Web.Features.Introductions.NewModel), ids => $"introductions/new?contact={ids.ContactId}", ""),
        new("{tenant:slug}/introductions/{id:guid}", typeof(Web.Features.Introductions.DetailsModel), ids => $"introductions/{ids.IntroductionId}",
            "Accept", "Decline", "Consent", "Withdraw", "Outcome", "Message", "Escalate"),
        new("{tenant:slug}/notifications", typeof(Web.Features.Notifications.IndexModel), _ => "notifications", "Open", "ReadAll"),
        new("{tenant:slug}/notifications/settings", typeof(Web.Features.Notifications.SettingsModel), _ => "notifications/settings", ""),
        new("{tenant:slug}/notifications/unsubscribe", typeof(Web.Features.Notifications.UnsubscribeModel), _ => "notifications/unsubscribe?token=x", ""),
        new("{tenant:slug}/asks", typeof(Web.Features.Asks.IndexModel), _ => "asks"),
        new("{tenant:slug}/asks/new", typeof(Web.Features.Asks.CreateModel), _ => "asks/new", ""),
        new("{tenant:slug}/asks/{id:guid}", typeof(Web.Features.Asks.DetailsModel), ids => $"asks/{ids.AskId}", "Answer", "Close"),
        new("{tenant:slug}/campaigns/{kind:regex(^(new-year|summer)$)}", typeof(Web.Features.Campaigns.GreetingsModel), _ => "campaigns/new-year?view=Other",
            "Include", "Exclude", "Mourning", "EndMourning", "Sent"),
        new("{tenant:slug}/campaigns/{kind:regex(^(new-year|summer)$)}/csv", typeof(Web.Features.Campaigns.GreetingLabelsFileModel), _ => "campaigns/summer/csv"),
        new("{tenant:slug}/campaigns/transfers", typeof(Web.Features.Campaigns.TransfersModel), _ => "campaigns/transfers", "Unchanged", "Update"),
        new("{tenant:slug}/reports", typeof(Web.Features.Reports.IndexModel), _ => "reports?period=FY2026"),
        new("{tenant:slug}/reports/funnel", typeof(Web.Features.Reports.FunnelModel), _ => "reports/funnel?period=FY2026"),
        new("{tenant:slug}/reports/health", typeof(Web.Features.Reports.HealthModel), _ => "reports/health?period=FY2026"),
        new("{tenant:slug}/exports", typeof(Web.Features.Exports.IndexModel), _ => "exports", "MyContacts", "CompanyContacts", "HrReview", "Cancel"),
        new("{tenant:slug}/exports/{id:guid}/download", typeof(Web.Features.Exports.DownloadModel), ids => $"exports/{ids.ExportId}/download"),
        new("{tenant:slug}/diagnostics/baseline", typeof(Web.Features.Diagnostics.BaselineModel), _ => "diagnostics/baseline"),
    ];
}
