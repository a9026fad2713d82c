using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace NetworkSaaS.Web.Features.Localization;

/// <summary>Identity's validation messages in the user's language.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), l["Someone in your company already uses this email address."]);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), l["Someone in your company already uses this email address."]);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), l["Enter a valid email address."]);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), l["Enter a valid email address."]);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), l["Passwords must be at least {0} characters.", length]);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), l["Passwords must use at least {0} different characters.", uniqueChars]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), l["The password is not correct."]);
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), l["This link is invalid or has expired. Ask for a new one."]);
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), l["Someone else changed this at the same time. Reload and try again."]);
    public override IdentityError DefaultError() => Error(nameof(DefaultError), l["Something went wrong. Please try again."]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
