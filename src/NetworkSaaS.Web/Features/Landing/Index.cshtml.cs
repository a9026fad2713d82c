using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Landing;

public sealed class IndexModel(TenantStore tenants) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Company { get; set; }

    public bool CompanyNotFound { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Company))
        {
            return Page();
        }

        var slug = Company.Trim().ToLowerInvariant();
        var tenant = await tenants.FindBySlugAsync(slug, cancellationToken);
        if (tenant is null)
        {
            CompanyNotFound = true;
            return Page();
        }

        return Redirect($"/{tenant.Slug}/account/login");
    }
}
