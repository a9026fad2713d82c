using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Accounts.Passwords;

/// <summary>
/// Refuses common and guessable passwords and ones containing the user's email, name or the company's ID or name.
/// An Identity password validator, so it applies wherever a password is set: sign-up, invitation, reset, change.
/// </summary>
public sealed class GuessablePasswordValidator(ITenantContextAccessor tenantContext, IStringLocalizer<SharedResource> l)
    : IPasswordValidator<AppUser>
{
    public const string PersonalCode = "PasswordContainsPersonalWords";
    public const string GuessableCode = "PasswordTooGuessable";

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            // Length and required-ness are Identity's own validator's job.
            return Task.FromResult(IdentityResult.Success);
        }

        var verdict = PasswordStrength.Evaluate(password, PasswordStrength.PersonalWords(user, tenantContext.Tenant));
        return Task.FromResult(verdict switch
        {
            { ContainsPersonalWords: true } => IdentityResult.Failed(new IdentityError
            {
                Code = PersonalCode,
                Description = l["Passwords must not contain your email, your name, or the company's ID or name."],
            }),
            { Acceptable: false } => IdentityResult.Failed(new IdentityError
            {
                Code = GuessableCode,
                Description = l["This password is common or easy to guess. Use a longer phrase of unrelated words."],
            }),
            _ => IdentityResult.Success,
        });
    }
}
