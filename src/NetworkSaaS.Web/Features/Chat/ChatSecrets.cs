using Microsoft.AspNetCore.DataProtection;

namespace NetworkSaaS.Web.Features.Chat;

/// <summary>
/// Webhook URLs and bot tokens are secrets (whoever has one can post as the company): stored through ASP.NET Core data
/// protection (the app's key ring, in the database), and shown back only as a hint.
/// </summary>
public sealed class ChatSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("NetworkSaaS.Chat.Secret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>What may be shown: a URL's host and its last four characters, or a token's prefix and its last four.</summary>
    public static string Hint(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var tail = secret.Length > 8 ? secret[^4..] : "";
        return Uri.TryCreate(secret, UriKind.Absolute, out var url)
            ? $"{url.Scheme}://{url.Authority}/…{tail}"
            : $"{secret[..Math.Min(5, secret.Length / 3)]}…{tail}";
    }
}
