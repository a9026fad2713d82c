using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NetworkSaaS.Web.Features.Accounts.Security;

/// <summary>
/// The account's security overview: each section (password, authenticator, passkeys, sessions) is a view component
/// of its own feature, and each posts to its own page, so this page only lays them out.
/// </summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
