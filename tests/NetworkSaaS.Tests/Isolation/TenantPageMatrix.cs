using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
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
        Guid IntroductionId, Guid AskId, Guid ExportId, Guid PrivacyRequestId, Guid WebhookSubscriptionId);

    public static IReadOnlyList<Row> Rows { get; } =
    [
        new("{tenant:slug}", typeof(Web.Features.Home.IndexModel), _ => ""),
        new("{tenant:slug}/account/login", typeof(LoginModel), _ => "account/login", ""),
        new("{tenant:slug}/account/logout", typeof(LogoutModel), _ => "account/logout", ""),
        new("{tenant:slug}/account/forgot-password", typeof(ForgotPasswordModel), _ => "account/forgot-password", ""),
        new("{tenant:slug}/account/reset-password", typeof(ResetPasswordModel), ids => $"account/reset-password?userId={ids.UserId}&token=x", ""),
        new("{tenant:slug}/account/invitation", typeof(AcceptInvitationModel), ids => $"account/invitation?token={ids.InvitationToken}", ""),
        new("{tenant:slug}/account/profile", typeof(ProfileModel), _ => "account/profile", ""),
        new("{tenant:slug}/account/security", typeof(Web.Features.Accounts.Security.IndexModel), _ => "account/security"),
        new("{tenant:slug}/account/security/sessions", typeof(Web.Features.Accounts.Security.SessionsModel), _ => "account/security/sessions", "Revoke", "RevokeOthers"),
        new("{tenant:slug}/account/login/mfa", typeof(LoginMfaModel), _ => "account/login/mfa", ""),
        new("{tenant:slug}/account/login/recovery", typeof(LoginRecoveryModel), _ => "account/login/recovery", ""),
        new("{tenant:slug}/account/security/authenticator", typeof(Web.Features.Accounts.Security.AuthenticatorModel), _ => "account/security/authenticator",
            "Start", "Verify", "RecoveryCodes", "Disable", "ForgetBrowsers"),
        new("{tenant:slug}/account/login/passkey", typeof(PasskeyLoginModel), _ => "account/login/passkey", "", "Options"),
        new("{tenant:slug}/account/security/passkeys", typeof(Web.Features.Accounts.Security.PasskeysModel), _ => "account/security/passkeys",
            "CreationOptions", "Add", "Rename", "Delete"),
        new("{tenant:slug}/account/security/password", typeof(Web.Features.Accounts.Security.PasswordModel), _ => "account/security/password", ""),
        new("{tenant:slug}/admin", typeof(IndexModel), ids => "admin", "Invite", "Revoke"),
        new("{tenant:slug}/admin/users/{id:guid}", typeof(UserModel), ids => $"admin/users/{ids.UserId}", "Roles", "ResetMfa", "Department", "Deactivate", "Reactivate"),
        new("{tenant:slug}/admin/settings", typeof(SettingsModel), _ => "admin/settings", "", "MfaPolicy", "AddDepartment", "Reminders", "Campaigns", "LeaverPolicy", "ImportDefaults", "Privacy"),
        new("{tenant:slug}/admin/audit", typeof(AuditModel), _ => "admin/audit"),
        new("{tenant:slug}/admin/sso/scim-tokens", typeof(Web.Features.Scim.TokensModel), _ => "admin/sso/scim-tokens", "Create", "Revoke"),
        new("{tenant:slug}/admin/users/{id:guid}/offboarding", typeof(Web.Features.Handover.OffboardingModel), ids => $"admin/users/{ids.UserId}/offboarding",
            "Plan", "HandOver"),
        new("{tenant:slug}/account/card", typeof(Web.Features.Cards.SettingsModel), _ => "account/card", "", "Regenerate"),
        new("{tenant:slug}/card/{handle}/{handler?}", typeof(Web.Features.Cards.CardModel), _ => "card/secret-person-abcdefghij", ""),
        new("{tenant:slug}/account/calendar", typeof(Web.Features.Calendar.FeedModel), _ => "account/calendar", "Create", "Revoke"),
        new("{tenant:slug}/account/chat", typeof(Web.Features.Chat.MineModel), _ => "account/chat", "", "Remove", "Test"),
        new("{tenant:slug}/admin/chat", typeof(Web.Features.Chat.CompanyModel), _ => "admin/chat", "", "Remove", "Test"),
        new("{tenant:slug}/account/handover", typeof(Web.Features.Handover.MineModel), _ => "account/handover", "Plan", "Decide", "DecideAll"),
        new("{tenant:slug}/admin/sso", typeof(Web.Features.Sso.AdminModel), _ => "admin/sso", "Add", "Update", "Delete", "Test", "AddGroupRole", "RemoveGroupRole"),
        new("{tenant:slug}/admin/sso/test", typeof(Web.Features.Sso.TestModel), _ => "admin/sso/test?id=0190a0a0-0000-7000-8000-000000000000"),
        new("{tenant:slug}/account/sso", typeof(Web.Features.Sso.SignInModel), _ => "account/sso", ""),
        new("{tenant:slug}/account/sso/refused", typeof(Web.Features.Sso.RefusedModel), _ => "account/sso/refused?reason=failed"),
        new("{tenant:slug}/admin/webhooks", typeof(Web.Features.Webhooks.IndexModel), _ => "admin/webhooks", "Create", "Toggle", "Delete"),
        new("{tenant:slug}/admin/webhooks/{id:guid}", typeof(Web.Features.Webhooks.DeliveriesModel), ids => $"admin/webhooks/{ids.WebhookSubscriptionId}", "Resend"),
        new("{tenant:slug}/contacts", typeof(Web.Features.Contacts.IndexModel), _ => "contacts"),
        new("{tenant:slug}/contacts/new", typeof(Web.Features.Contacts.CreateModel), _ => "contacts/new", ""),
        new("{tenant:slug}/contacts/quick", typeof(Web.Features.Contacts.QuickAddModel), _ => "contacts/quick", ""),
        new("{tenant:slug}/contacts/{id:guid}", typeof(Web.Features.Contacts.DetailsModel), ids => $"contacts/{ids.ContactId}", "LogInteraction", "Snooze", "UndoMerge"),
        new("{tenant:slug}/contacts/{id:guid}/edit", typeof(Web.Features.Contacts.EditModel), ids => $"contacts/{ids.ContactId}/edit", ""),
        new("{tenant:slug}/contacts/{id:guid}/delete", typeof(Web.Features.Contacts.DeleteModel), ids => $"contacts/{ids.ContactId}/delete", ""),
        new("{tenant:slug}/contacts/{id:guid}/merge/{otherId:guid}", typeof(Web.Features.Contacts.MergeModel), ids => $"contacts/{ids.ContactId}/merge/{ids.OtherContactId}", ""),
        new("{tenant:slug}/contacts/duplicates", typeof(Web.Features.Contacts.DuplicatesModel), _ => "contacts/duplicates"),
        new("{tenant:slug}/contacts/export/{format:regex(^(vcf|csv)$)}", typeof(Web.Features.Contacts.ExportModel), _ => "contacts/export/csv"),
        new("{tenant:slug}/contacts/import", typeof(Web.Features.Contacts.Import.IndexModel), _ => "contacts/import", ""),
        new("{tenant:slug}/contacts/import/{id:guid}", typeof(Web.Features.Contacts.Import.BatchModel), ids => $"contacts/import/{ids.ImportBatchId}", "Start", "Undo"),
        new("{tenant:slug}/contacts/bulk", typeof(Web.Features.Contacts.Triage.BulkModel), _ => "contacts/bulk", "", "Undo"),
        new("{tenant:slug}/contacts/review", typeof(Web.Features.Contacts.Triage.ReviewModel), _ => "contacts/review", "Set"),
        new("{tenant:slug}/companies/{id:guid}", typeof(Web.Features.Companies.DetailsModel), ids => $"companies/{ids.OrganizationId}"),
        new("{tenant:slug}/companies/{id:guid}/edit", typeof(Web.Features.Companies.EditModel), ids => $"companies/{ids.OrganizationId}/edit", ""),
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
        new("{tenant:slug}/account/api-tokens", typeof(Web.Features.Api.Tokens.PersonalModel), _ => "account/api-tokens", "Create", "Revoke"),
        new("{tenant:slug}/admin/api-tokens", typeof(Web.Features.Api.Tokens.CompanyModel), _ => "admin/api-tokens", "Create", "Revoke"),
        new("{tenant:slug}/privacy/requests", typeof(Web.Features.Privacy.RequestsModel), _ => "privacy/requests", ""),
        new("{tenant:slug}/privacy/requests/{id:guid}", typeof(Web.Features.Privacy.RequestModel), ids => $"privacy/requests/{ids.PrivacyRequestId}",
            "Export", "Correct", "StopUse", "Erase", "Close"),
    ];

    /// <summary>One of each resource a page addresses by id, in <paramref name="tenant"/>, with "Secret" in what a leak would show.</summary>
    public static async Task<MatrixIds> SeedAsync(TestApp app, ITenantInfo tenant, AppUser admin)
    {
        var token = InvitationTokens.NewToken();
        var invitationId = await app.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var invitation = new Invitation
            {
                Email = $"invitee@{tenant.Slug}.test",
                NormalizedEmail = $"INVITEE@{tenant.Slug.ToUpperInvariant()}.TEST",
                TokenHash = InvitationTokens.Hash(token),
                CreatedAt = DateTimeOffset.UtcNow,
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(7),
                InvitedByUserId = admin.Id,
            };
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
            return invitation.Id;
        });
        var contact = await app.CreateContactAsync(tenant, admin.Id, "Secret", "Person", $"{tenant.Slug} Client Corp", email: $"secret.person@{tenant.Slug}-client.test");
        var other = await app.CreateContactAsync(tenant, admin.Id, "Secret", "Person", $"{tenant.Slug} Client Corp");
        var batchId = await app.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var batch = new NetworkSaaS.Core.Features.Contacts.ImportBatch
            {
                OwnerId = admin.Id, FileName = "secret.vcf", Format = "VCard", EncodingName = "UTF-8", CreatedAt = DateTimeOffset.UtcNow,
                Content = System.Text.Encoding.UTF8.GetBytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Secret Person\r\nN:Person;Secret;;;\r\nEND:VCARD\r\n"),
                TotalRows = 1,
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync();
            return batch.Id;
        });
        var shared = await app.CreateContactAsync(tenant, admin.Id, "Shared", "Person", $"{tenant.Slug} Client Corp",
            NetworkSaaS.Core.Features.Contacts.ContactVisibility.Shared, title: "Buyer");
        var requester = await app.CreateUserAsync(tenant, $"requester@{tenant.Slug}.test");
        var (introductionId, askId) = await app.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var ask = new NetworkSaaS.Core.Features.Introductions.Ask
            {
                AuthorId = requester.Id, Purpose = NetworkSaaS.Core.Features.Introductions.IntroductionPurpose.SalesLead,
                Title = "Secret ask: purchasing at a client", CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Asks.Add(ask);
            await db.SaveChangesAsync();
            var result = await sp.GetRequiredService<NetworkSaaS.Web.Features.Introductions.IntroductionService>().RequestAsync(requester.Id,
                new(shared.Id, null, null, NetworkSaaS.Core.Features.Introductions.IntroductionPurpose.SalesLead, "Secret reason", null), CancellationToken.None);
            Assert.True(result.Succeeded, result.Problem?.ToString());
            return (result.RequestId!.Value, ask.Id);
        });
        var exportId = await Exports.ExportRuns.CompletedAsync(app, tenant, admin.Id, NetworkSaaS.Core.Features.Exports.ExportKind.MyContacts,
            NetworkSaaS.Core.Features.Exports.ExportFormat.Csv);
        var privacyRequestId = await app.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var request = new NetworkSaaS.Core.Features.Privacy.PrivacyRequest
            {
                Reference = $"Secret-{tenant.Slug}", PersonName = "Secret Person", PersonEmail = $"secret.person@{tenant.Slug}-client.test",
                Kind = NetworkSaaS.Core.Features.Privacy.PrivacyRequestKind.Disclosure, ReceivedOn = new DateOnly(2026, 11, 1), DueOn = new DateOnly(2026, 11, 15),
                LoggedByUserId = admin.Id, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.PrivacyRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });
        var webhookId = await app.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var subscription = new NetworkSaaS.Core.Features.Webhooks.WebhookSubscription
            {
                Url = $"https://secret-{tenant.Slug}.example/hooks", Events = [NetworkSaaS.Core.Features.Webhooks.WebhookEventTypes.ContactShared],
                ProtectedSecret = sp.GetRequiredService<Web.Features.Webhooks.WebhookSecrets>().Protect(Web.Features.Webhooks.WebhookSignature.NewSecret()),
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.WebhookSubscriptions.Add(subscription);
            await db.SaveChangesAsync();
            return subscription.Id;
        });
        return new MatrixIds(admin.Id, invitationId, token, contact.Id, other.Id, contact.OrganizationId!.Value, batchId, introductionId, askId,
            exportId, privacyRequestId, webhookId);
    }
}
