using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>Why a sign-in with the company account did not go through (the audit log has the details).</summary>
[AllowAnonymous]
public sealed class RefusedModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public string Message { get; private set; } = "";

    public void OnGet(string? reason)
    {
        Message = reason switch
        {
            SsoRefusal.NotEnabled => l["Sign-in with a company account is not turned on for this company."],
            SsoRefusal.NoEmail => l["Your company account did not send an email address, so we cannot tell who you are here. Ask your IT administrator."],
            SsoRefusal.EmailUnverified => l["Your company account's email address is not verified. Ask your IT administrator."],
            SsoRefusal.DomainNotCovered => l["Your company account's email address is not in a domain this company signs in with its identity provider."],
            SsoRefusal.LinkedElsewhere => l["This account is already linked to a different company account. Ask your administrator."],
            SsoRefusal.Inactive => l["This account is deactivated. Ask your administrator."],
            SsoRefusal.NoAccount => l["There is no account for you in this company yet. Ask your administrator to invite you."],
            _ => l["The sign-in with your company account could not be completed (it may have expired or been used already). Start again."],
        };
    }
}
