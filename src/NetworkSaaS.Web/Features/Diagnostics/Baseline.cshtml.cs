using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Diagnostics;

/// <summary>
/// The benchmark's yardstick: a bare page (no layout) doing one indexed query for the signed-in user, the first of
/// their contacts in name order through the (tenant_id, owner_id, sort_key) index. Real pages are measured as a ratio
/// of its throughput in the same run. 404 unless <c>Diagnostics:BaselinePage</c> is true; sign-in as every tenant page.
/// </summary>
public sealed class BaselineModel(AppDbContext db, ContactAccess access, IConfiguration configuration) : PageModel
{
    public const string SettingName = "Diagnostics:BaselinePage";

    public string? First { get; private set; }

    /// <summary>`?layout=true`: the same page inside the app's layout (navigation, language switcher, sign-out form).</summary>
    [BindProperty(SupportsGet = true, Name = "layout")]
    public bool WithLayout { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>(SettingName))
        {
            return NotFound();
        }

        var me = access.CurrentUserId;
        First = await db.Contacts.AsNoTracking()
            .Where(c => c.OwnerId == me)
            .OrderBy(c => c.SortKey)
            .Select(c => c.DisplayName)
            .FirstOrDefaultAsync(cancellationToken);
        return Page();
    }
}
