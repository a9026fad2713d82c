using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Accounts.Passwords;

/// <summary>
/// The strength meter under password fields asks here while the user types (debounced): the same zxcvbn check as the
/// validator, so the meter never promises what the server then refuses. The form's other words (email, name, company)
/// come with the request; nothing is stored or logged.
/// </summary>
[AllowAnonymous]
public sealed class StrengthModel(IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Longer input is not a password anyone types; zxcvbn's cost grows with length.</summary>
    public const int MaxLength = 200;

    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost([FromForm] string? password, [FromForm] string[]? words)
    {
        if (string.IsNullOrEmpty(password) || password.Length > MaxLength)
        {
            return new JsonResult(new { score = 0, acceptable = false, label = "" });
        }

        var verdict = PasswordStrength.Evaluate(password, PasswordStrength.PersonalWords(words ?? []));
        string label = verdict switch
        {
            { ContainsPersonalWords: true } => l["Contains your name, email or company: not accepted"],
            { Acceptable: false } => l["Easy to guess: not accepted"],
            { Score: 3 } => l["Strong"],
            _ => l["Very strong"],
        };
        return new JsonResult(new { score = verdict.Score, acceptable = verdict.Acceptable, label });
    }
}
