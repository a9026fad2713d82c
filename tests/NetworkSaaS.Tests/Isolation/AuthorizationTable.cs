using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Tests.Isolation;

/// <summary>
/// Who may call each page of the app, written out by hand. <see cref="AuthorizationMatrixTests"/> compares it with
/// what the pages' authorization metadata says (so a removed or widened [Authorize] fails) and calls every handler of
/// a role-restricted page as every role outside <see cref="Row.Access"/>. A page missing here fails the test with the
/// row to add.
/// </summary>
public static class AuthorizationTable
{
    /// <summary>No sign-in needed ([AllowAnonymous] or an anonymous folder convention).</summary>
    public const string Anonymous = "anonymous";

    /// <summary>Any signed-in user of the company (the AuthorizeFolder("/") convention).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>A platform operator signed in with password and authenticator code (the operator scheme, never a tenant cookie).</summary>
    public const string Operator = "platform operator";

    /// <summary>A platform operator half-way through signing in: password checked, code or enrollment still to come.</summary>
    public const string OperatorPasswordChecked = "platform operator, password checked";

    /// <summary>Signed in and in at least one of <paramref name="roles"/>.</summary>
    public static string Only(params string[] roles) => "roles: " + string.Join(",", roles.Order(StringComparer.Ordinal));

    /// <param name="Route">The page's route as the endpoint data source spells it, without the leading slash.</param>
    /// <param name="Access">Who passes the page's authorization metadata.</param>
    /// <param name="HandlerAccess">Handlers the page model restricts further in code (handler name → access).</param>
    public sealed record Row(string Route, string Access, params (string Handler, string Access)[] HandlerAccess);

    private static readonly string Reports = Only(Roles.Manager, Roles.Executive, Roles.Admin);

    public static IReadOnlyList<Row> Rows { get; } =
    [
        new("", Anonymous),
        new("culture", Anonymous),
        new("error/{code:int}", Anonymous),
        new("signup", Anonymous),
        new("password-strength", Anonymous),
        new("ops/login", Anonymous),
        new("ops/login/code", OperatorPasswordChecked),
        new("ops/enroll", OperatorPasswordChecked),
        new("ops/logout", SignedIn), // signed in with the operator scheme (the page names it); a tenant cookie is not one
        new("ops/tenants", Operator),
        new("{tenant:slug}", SignedIn),
        new("{tenant:slug}/account/login", Anonymous),
        new("{tenant:slug}/account/logout", SignedIn),
        new("{tenant:slug}/account/forgot-password", Anonymous),
        new("{tenant:slug}/account/reset-password", Anonymous),
        new("{tenant:slug}/account/invitation", Anonymous),
        new("{tenant:slug}/account/profile", SignedIn),
        new("{tenant:slug}/account/card", SignedIn),
        new("{tenant:slug}/card/{handle}/{handler?}", Anonymous),
        new("{tenant:slug}/account/calendar", SignedIn),
        new("{tenant:slug}/account/chat", SignedIn),
        new("{tenant:slug}/admin/chat", Only(Roles.Admin)),
        new("{tenant:slug}/account/login/mfa", Anonymous),
        new("{tenant:slug}/account/login/recovery", Anonymous),
        new("{tenant:slug}/account/login/passkey", Anonymous),
        new("{tenant:slug}/account/security/authenticator", SignedIn),
        new("{tenant:slug}/account/security/passkeys", SignedIn),
        new("{tenant:slug}/account/security/password", SignedIn),
        new("{tenant:slug}/account/security/sessions", SignedIn),
        new("{tenant:slug}/account/security", SignedIn),
        new("{tenant:slug}/admin", Only(Roles.Admin)),
        new("{tenant:slug}/admin/users/{id:guid}", Only(Roles.Admin)),
        new("{tenant:slug}/admin/users/{id:guid}/offboarding", Only(Roles.Admin)),
        new("{tenant:slug}/account/handover", SignedIn),
        new("{tenant:slug}/admin/settings", Only(Roles.Admin)),
        new("{tenant:slug}/admin/audit", Only(Roles.Admin)),
        new("{tenant:slug}/admin/sso/scim-tokens", Only(Roles.Admin)),
        new("{tenant:slug}/admin/sso", Only(Roles.Admin)),
        new("{tenant:slug}/admin/sso/test", Only(Roles.Admin)),
        new("{tenant:slug}/account/sso", Anonymous),
        new("{tenant:slug}/account/sso/refused", Anonymous),
        new("{tenant:slug}/admin/webhooks", Only(Roles.Admin)),
        new("{tenant:slug}/admin/webhooks/{id:guid}", Only(Roles.Admin)),
        new("{tenant:slug}/contacts", SignedIn),
        new("{tenant:slug}/contacts/new", SignedIn),
        new("{tenant:slug}/contacts/quick", SignedIn),
        new("{tenant:slug}/contacts/{id:guid}", SignedIn),
        new("{tenant:slug}/contacts/{id:guid}/edit", SignedIn),
        new("{tenant:slug}/contacts/{id:guid}/delete", SignedIn),
        new("{tenant:slug}/contacts/{id:guid}/merge/{otherId:guid}", SignedIn),
        new("{tenant:slug}/contacts/duplicates", SignedIn),
        new("{tenant:slug}/contacts/export/{format:regex(^(vcf|csv)$)}", SignedIn),
        new("{tenant:slug}/contacts/import", SignedIn),
        new("{tenant:slug}/contacts/import/{id:guid}", SignedIn),
        new("{tenant:slug}/contacts/bulk", SignedIn),
        new("{tenant:slug}/contacts/review", SignedIn),
        new("{tenant:slug}/companies/{id:guid}", SignedIn),
        new("{tenant:slug}/companies/{id:guid}/edit", SignedIn),
        new("{tenant:slug}/discover", SignedIn),
        new("{tenant:slug}/introductions", SignedIn),
        new("{tenant:slug}/introductions/new", SignedIn),
        new("{tenant:slug}/introductions/{id:guid}", SignedIn),
        new("{tenant:slug}/notifications", SignedIn),
        new("{tenant:slug}/notifications/settings", SignedIn),
        new("{tenant:slug}/notifications/unsubscribe", Anonymous),
        new("{tenant:slug}/asks", SignedIn),
        new("{tenant:slug}/asks/new", SignedIn),
        new("{tenant:slug}/asks/{id:guid}", SignedIn),
        new("{tenant:slug}/campaigns/{kind:regex(^(new-year|summer)$)}", SignedIn),
        new("{tenant:slug}/campaigns/{kind:regex(^(new-year|summer)$)}/csv", SignedIn),
        new("{tenant:slug}/campaigns/transfers", SignedIn),
        new("{tenant:slug}/reports", Reports),
        new("{tenant:slug}/reports/funnel", Reports),
        new("{tenant:slug}/reports/health", Reports),
        new("{tenant:slug}/exports", SignedIn, ("CompanyContacts", Only(Roles.HR, Roles.Admin)), ("HrReview", Only(Roles.HR, Roles.Admin))),
        new("{tenant:slug}/exports/{id:guid}/download", SignedIn),
        new("{tenant:slug}/diagnostics/baseline", SignedIn),
        new("{tenant:slug}/account/api-tokens", SignedIn),
        new("{tenant:slug}/admin/api-tokens", Only(Roles.HR, Roles.Admin)),
        // HR passes only when the company chose "Admins and HR" (PrivacyAccess, checked on every handler; PrivacyRequestTests).
        new("{tenant:slug}/privacy/requests", Only(Roles.Admin, Roles.HR)),
        new("{tenant:slug}/privacy/requests/{id:guid}", Only(Roles.Admin, Roles.HR)),
    ];
}
