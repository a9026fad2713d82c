using System.Security.Cryptography;
using System.Text;

namespace NetworkSaaS.Web.Features.Accounts;

/// <summary>
/// The secret part of the bearer tokens the app issues (SCIM, the API, calendar feeds): 32 random bytes as base64url,
/// after the row's id. Only the SHA-256 of the whole token is stored, and a presented token is compared in constant time.
/// </summary>
public static class SecretTokens
{
    /// <summary>The length of <see cref="NewSecret"/>: 32 bytes as base64url without padding.</summary>
    public const int SecretLength = 43;

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Hex SHA-256 of the whole token string, as stored.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string presented, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(storedHash));
}
