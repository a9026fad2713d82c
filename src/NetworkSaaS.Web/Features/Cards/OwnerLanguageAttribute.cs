using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Cards;

/// <summary>A card speaks its owner's language (their own, else their company's) unless the visitor picked one.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OwnerLanguageAttribute : Attribute, IPageCulture
{
    public async Task<string?> CultureAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var card = await context.RequestServices.GetRequiredService<PublicCards>()
            .FindAsync(context.GetRouteValue(CardModel.AddressRouteKey) as string, context.RequestAborted);
        return card?.OwnerCulture;
    }
}
