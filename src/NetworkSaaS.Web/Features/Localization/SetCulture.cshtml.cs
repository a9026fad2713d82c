using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Localization;

/// <summary>The language switcher in the header: remembers the choice in a cookie and goes back to the page.</summary>
[Accounts.Mfa.AllowedWithoutSecondFactor]
public sealed class SetCultureModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string culture, string? returnUrl)
    {
        if (SupportedCultures.IsSupported(culture))
        {
            LocalizationSetup.WriteCultureCookie(Response, culture);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
