using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace NetworkSaaS.Web.Features.Webhooks;

/// <summary>
/// Standard Webhooks signing: webhook-id, webhook-timestamp (Unix seconds of the attempt) and webhook-signature
/// "v1,&lt;base64 of HMAC-SHA256 over "id.timestamp.body" keyed with the secret's bytes&gt;". A secret is "whsec_" and
/// the base64 of 32 random bytes.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The webhook-id of a message: the same for every attempt and every resend.</summary>
    public static string IdOf(Guid messageId) => "msg_" + messageId.ToString("N");

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var signed = Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}

/// <summary>Signing secrets are kept protected by the data-protection keys (a purpose of their own), never as text.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("NetworkSaaS.Webhooks.Secret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
