using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace NetworkSaaS.Web.Features.Accounts;

/// <summary>Invitation links carry a random token; the database keeps only its SHA-256.</summary>
public static class InvitationTokens
{
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
}
