using NetworkSaaS.Web.Features.Email;

namespace NetworkSaaS.Web.Features.Cards;

/// <summary>A card's absolute address (what its QR code holds), from the configured Email:BaseUrl, never from the request's Host header.</summary>
public static class CardLinks
{
    public static string Path(string slug, string address) => $"/{slug}/card/{address}";

    public static string Url(EmailOptions email, string slug, string address)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.BaseUrl.TrimEnd('/') + Path(slug, address);
    }
}
