using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Accounts;

public sealed class ProfileModel(
    AppDbContext db,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;

    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    /// <summary>Shown read-only: departments decide what a Manager sees, so only Admins (or the directory) assign them.</summary>
    public string? Department { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        Input = new ProfileInput
        {
            DisplayName = user.DisplayName,
            DisplayNameKana = user.DisplayNameKana,
            Title = user.Title,
            Culture = user.Culture,
            ExpertiseTags = string.Join(", ", user.ExpertiseTags),
        };
        await LoadDepartmentAsync(user, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        var tags = ValueLists.Split(Input.ExpertiseTags);
        if (tags.Count > MaxTags || tags.Any(t => t.Length > MaxTagLength))
        {
            ModelState.AddModelError("Input.ExpertiseTags", l["Use at most {0} tags of at most {1} characters each.", MaxTags, MaxTagLength]);
        }

        if (Input.Culture is { Length: > 0 } && !SupportedCultures.IsSupported(Input.Culture))
        {
            ModelState.AddModelError("Input.Culture", l["Choose Japanese or English."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadDepartmentAsync(user, cancellationToken);
            return Page();
        }

        user.DisplayName = Input.DisplayName.Trim();
        user.DisplayNameKana = string.IsNullOrWhiteSpace(Input.DisplayNameKana) ? null : Input.DisplayNameKana.Trim();
        user.Title = string.IsNullOrWhiteSpace(Input.Title) ? null : Input.Title.Trim();
        user.Culture = string.IsNullOrEmpty(Input.Culture) ? null : Input.Culture;
        user.ExpertiseTags = [.. tags];
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            await LoadDepartmentAsync(user, cancellationToken);
            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        if (user.Culture is { } culture)
        {
            LocalizationSetup.WriteCultureCookie(Response, culture);
        }
        else
        {
            Response.Cookies.Delete(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName);
        }

        TempData["Status"] = l["Your profile has been saved."].Value;
        return RedirectToPage();
    }

    private async Task LoadDepartmentAsync(AppUser user, CancellationToken cancellationToken) =>
        Department = user.DepartmentId is { } departmentId
            ? await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
}

public sealed class ProfileInput
{
    [Required(ErrorMessage = "This field is required.")]
    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    public string DisplayName { get; set; } = "";

    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    public string? DisplayNameKana { get; set; }

    [StringLength(100, ErrorMessage = "Use at most {1} characters.")]
    public string? Title { get; set; }

    public string? Culture { get; set; }

    [StringLength(1000, ErrorMessage = "Use at most {1} characters.")]
    public string? ExpertiseTags { get; set; }
}
