using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Errors;

/// <summary>Localized error pages (404 for unknown companies and pages of other companies, 403, 500…).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public IActionResult OnGet() => Show();

    // A re-executed POST keeps its (possibly huge) body: nothing here binds from it.
    public IActionResult OnPost() => Show();

    private PageResult Show()
    {
        // Re-executed errors keep their status code; a direct visit takes it from the address.
        var code = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            ? Response.StatusCode
            : int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var fromRoute) ? fromRoute : 500;
        Code = code;
        (Title, Message) = code switch
        {
            404 => (l["Page not found"].Value, l["There is no such page, or it belongs to a company you are not signed in to."].Value),
            403 => (l["Not allowed"].Value, l["Your role does not give access to this page. Ask your administrator if you need it."].Value),
            410 => (l["This file is no longer available"].Value, l["Exported files can be downloaded for 7 days. Request the export again."].Value),
            413 => (l["The file is too large"].Value, l["Files can be at most 20 MB. Split the file and import the parts."].Value),
            429 => (l["Too many attempts"].Value, l["Please wait a little and try again."].Value),
            400 => (l["Something was wrong with the request"].Value, l["Reload the page and try again."].Value),
            _ => (l["Something went wrong"].Value, l["Please try again in a moment. If it keeps happening, contact your administrator."].Value),
        };
        return Page();
    }
}
