using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>Checks of the contact form beyond the attributes: a name, real email addresses, known choices.</summary>
public static partial class ContactFormValidation
{
    // Digits with the usual separators, an optional leading +, and an optional extension (ext., x, 内線).
    [System.Text.RegularExpressions.GeneratedRegex(@"^\+?[0-9０-９()（）\-－‐ .]{5,30}((ext\.?|x|内線)\s*[0-9０-９]{1,6})?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex PhoneShape();

    public static bool LooksLikePhone(string value) => PhoneShape().IsMatch(value.Trim()) && value.Count(char.IsDigit) >= 5;

    public static void Validate(ContactInput input, ModelStateDictionary modelState, IStringLocalizer<SharedResource> l, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(l);
        if (string.IsNullOrWhiteSpace(input.FamilyName) && string.IsNullOrWhiteSpace(input.GivenName))
        {
            modelState.AddModelError($"{prefix}.FamilyName", l["Enter at least a family name or a given name."]);
        }

        foreach (var email in ValueLists.Split(input.Emails).Where(e => !ValueLists.IsEmail(e)))
        {
            modelState.AddModelError($"{prefix}.Emails", l["'{0}' is not a valid email address.", email]);
        }

        foreach (var phone in ValueLists.Split(input.Phones, linesOnly: true).Where(p => !LooksLikePhone(p)))
        {
            modelState.AddModelError($"{prefix}.Phones", l["'{0}' is not a phone number.", phone]);
        }

        if (!Enum.IsDefined(input.Channel))
        {
            modelState.AddModelError($"{prefix}.Channel", l["The value is not valid."]);
        }

        if (!Enum.IsDefined(input.Visibility))
        {
            modelState.AddModelError($"{prefix}.Visibility", l["The value is not valid."]);
        }

        if (input.MetOn is { } metOn && (metOn.Year < 1900 || metOn > DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1)))
        {
            modelState.AddModelError($"{prefix}.MetOn", l["Enter a date that is not in the future."]);
        }

        if (ValueLists.Split(input.Tags).Count > 30 || ValueLists.Split(input.Expertise).Count > 30)
        {
            modelState.AddModelError($"{prefix}.Tags", l["Use at most {0} tags of at most {1} characters each.", 30, 50]);
        }
    }
}
