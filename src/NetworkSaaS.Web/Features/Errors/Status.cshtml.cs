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

    public IActionResult OnGet(int code) => Show(code);

    public IActionResult OnPost(int code) => Show(code);

    private PageResult Show(int code)
    {
        Code = code;
        (Title, Message) = code switch
        {
            404 => (l["Page not found"].Value, l["There is no such page, or it belongs to a company you are not signed in to."].Value),
            403 => (l["Not allowed"].Value, l["Your role does not give access to this page. Ask your administrator if you need it."].Value),
            413 => (l["The file is too large"].Value, l["Files can be at most 20 MB. Split the file and import the parts."].Value),
            400 => (l["Something was wrong with the request"].Value, l["Reload the page and try again."].Value),
            _ => (l["Something went wrong"].Value, l["Please try again in a moment. If it keeps happening, contact your administrator."].Value),
        };
        return Page();
    }
}
