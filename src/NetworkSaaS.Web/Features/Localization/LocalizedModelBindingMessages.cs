using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace NetworkSaaS.Web.Features.Localization;

/// <summary>Model binding's own messages ("The value 'x' is not valid") in the user's language.</summary>
public sealed class LocalizedModelBindingMessages(IStringLocalizer<SharedResource> l) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var messages = options.ModelBindingMessageProvider;
        messages.SetValueMustNotBeNullAccessor(_ => l["This field is required."]);
        messages.SetMissingBindRequiredValueAccessor(_ => l["This field is required."]);
        messages.SetMissingKeyOrValueAccessor(() => l["This field is required."]);
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => l["The value '{0}' is not valid.", value]);
        messages.SetUnknownValueIsInvalidAccessor(_ => l["The value is not valid."]);
        messages.SetValueIsInvalidAccessor(value => l["The value '{0}' is not valid.", value]);
        messages.SetValueMustBeANumberAccessor(_ => l["Enter a number."]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["The value '{0}' is not valid.", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["The value is not valid."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => l["Enter a number."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => l["This field is required."]);
    }
}
