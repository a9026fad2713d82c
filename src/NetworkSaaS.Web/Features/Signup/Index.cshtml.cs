using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Signup;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimiting.RateLimitPolicies.SignUp)]
public sealed class IndexModel(
    TenantProvisioner provisioner,
    TenantStore tenants,
    SignInManager<AppUser> signIn,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public SignupInput Input { get; set; } = new();

    public IEnumerable<SelectListItem> TimeZones => TimeZoneChoices.Items(Input.TimeZoneId);

    public void OnGet()
    {
        Input.DefaultCulture = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ja";
        Input.TimeZoneId = Input.DefaultCulture == "en" ? "Europe/London" : "Asia/Tokyo";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input.Slug = Input.Slug?.Trim().ToLowerInvariant() ?? "";
        if (!TenantSlug.HasValidShape(Input.Slug))
        {
            ModelState.AddModelError("Input.Slug", l["Use 3–40 lowercase letters, digits and single hyphens, starting and ending with a letter or digit."]);
        }
        else if (TenantSlug.IsReserved(Input.Slug))
        {
            ModelState.AddModelError("Input.Slug", l["This ID is reserved. Choose another one."]);
        }

        if (!SupportedCultures.IsSupported(Input.DefaultCulture))
        {
            ModelState.AddModelError("Input.DefaultCulture", l["Choose Japanese or English."]);
        }

        if (!TimeZoneChoices.IsKnown(Input.TimeZoneId))
        {
            ModelState.AddModelError("Input.TimeZoneId", l["Choose a time zone from the list."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await provisioner.CreateAsync(
            new NewCompany(Input.CompanyName, Input.Slug, Input.DefaultCulture, Input.TimeZoneId),
            new FirstAdmin(Input.AdminName, Input.AdminNameKana, Input.Email, Input.Password),
            cancellationToken);
        if (result.SlugTaken)
        {
            ModelState.AddModelError("Input.Slug", l["This ID is already taken. Choose another one."]);
            return Page();
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", error.Description);
            }

            return Page();
        }

        tenants.Forget(result.Tenant!);
        await signIn.SignInAsync(result.Admin!, isPersistent: false);
        LocalizationSetup.WriteCultureCookie(Response, result.Tenant!.DefaultCulture);
        return Redirect($"/{result.Tenant.Slug}/");
    }
}

public sealed class SignupInput
{
    [Required(ErrorMessage = "This field is required.")]
    [StringLength(200, ErrorMessage = "Use at most {1} characters.")]
    public string CompanyName { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    public string Slug { get; set; } = "";

    public string DefaultCulture { get; set; } = "ja";

    public string TimeZoneId { get; set; } = "Asia/Tokyo";

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    public string AdminName { get; set; } = "";

    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    public string? AdminNameKana { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256, ErrorMessage = "Use at most {1} characters.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "This field is required.")]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";
}
