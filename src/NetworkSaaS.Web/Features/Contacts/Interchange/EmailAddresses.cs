using System.Net.Mail;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

public static class EmailAddresses
{
    /// <summary>A bare address with one @, a dot inside the domain and no white space, that MailAddress accepts as is.</summary>
    public static bool IsPlausible(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || value.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var domain = value[(at + 1)..];
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && !domain.EndsWith('.')
            && MailAddress.TryCreate(value, out var address)
            && string.Equals(address.Address, value, StringComparison.Ordinal);
    }
}
