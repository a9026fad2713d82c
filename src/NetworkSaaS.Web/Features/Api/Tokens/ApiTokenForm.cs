using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Api;

namespace NetworkSaaS.Web.Features.Api.Tokens;

/// <summary>The new-token form of both token pages: a name, scopes, an expiry date and (company tokens) the role.</summary>
public sealed class ApiTokenForm
{
    /// <summary>Personal tokens expire within this many days.</summary>
    public const int PersonalMaxDays = 366;

    public string? Name { get; set; }
    public bool Read { get; set; } = true;
    public bool Write { get; set; }
    public bool Introductions { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public string? Role { get; set; }

    public ApiScopes Scopes =>
        (Read ? ApiScopes.Read : ApiScopes.None) | (Write ? ApiScopes.Write : ApiScopes.None) | (Introductions ? ApiScopes.Introductions : ApiScopes.None);

    public DateTimeOffset? ExpiresAt => ExpiresOn is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    /// <summary>The form's rules; <paramref name="expiryRequired"/> for personal tokens (at most a year ahead).</summary>
    public void Validate(ModelStateDictionary modelState, IStringLocalizer l, DateOnly today, bool expiryRequired)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(l);
        Name = Name?.Trim();
        if (string.IsNullOrEmpty(Name) || Name.Length > ApiToken.NameMaxLength)
        {
            modelState.AddModelError("Input.Name", l["Name the token after the tool that uses it (up to {0} characters).", ApiToken.NameMaxLength]);
        }

        if (Scopes == ApiScopes.None)
        {
            modelState.AddModelError("Input.Read", l["Choose at least one scope."]);
        }

        if (ExpiresOn is { } expires && expires <= today)
        {
            modelState.AddModelError("Input.ExpiresOn", l["The expiry date must be in the future."]);
        }
        else if (expiryRequired && (ExpiresOn is null || ExpiresOn > today.AddDays(PersonalMaxDays)))
        {
            modelState.AddModelError("Input.ExpiresOn", l["Choose an expiry date within a year."]);
        }
    }
}
