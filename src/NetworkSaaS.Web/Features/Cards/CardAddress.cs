using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NetworkSaaS.Core.Features.Cards;

namespace NetworkSaaS.Web.Features.Cards;

/// <summary>
/// The last segment of a card's address, "{handle}-{token}": the handle is the owner's readable name for the card, the
/// token a random suffix. A handle alone never answers, so nobody can list a company's people by trying names, and a
/// new token (regenerate link) retires every printed or shared copy of the old address.
/// </summary>
public static partial class CardAddress
{
    private const string TokenAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>3–40 characters: lowercase letters and digits, single hyphens between them.</summary>
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex HandlePattern();

    public static bool IsValidHandle(string? handle) =>
        handle is { Length: >= BusinessCard.HandleMinLength and <= BusinessCard.HandleMaxLength } && HandlePattern().IsMatch(handle);

    public static string Format(string handle, string token) => $"{handle}-{token}";

    /// <summary>The handle and token of an address, or null when it cannot be one.</summary>
    public static (string Handle, string Token)? Parse(string? address)
    {
        if (address is null || address.Length < BusinessCard.TokenLength + 1 + BusinessCard.HandleMinLength
            || address.Length > BusinessCard.HandleMaxLength + 1 + BusinessCard.TokenLength
            || address[^(BusinessCard.TokenLength + 1)] != '-')
        {
            return null;
        }

        var handle = address[..^(BusinessCard.TokenLength + 1)];
        var token = address[^BusinessCard.TokenLength..];
        return IsValidHandle(handle) && token.All(c => TokenAlphabet.Contains(c, StringComparison.Ordinal)) ? (handle, token) : null;
    }

    /// <summary>Compares in constant time, so the answer's timing says nothing about how much of a guessed token was right.</summary>
    public static bool TokenMatches(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));

    public static string NewToken()
    {
        Span<char> token = stackalloc char[BusinessCard.TokenLength];
        for (var i = 0; i < token.Length; i++)
        {
            token[i] = TokenAlphabet[RandomNumberGenerator.GetInt32(TokenAlphabet.Length)];
        }

        return new string(token);
    }

    /// <summary>
    /// A first handle from the display name's Latin letters and digits ("Taro Yamada" → "taro-yamada"); never from the
    /// email address, which the owner may not want on the card. A name without enough of them (e.g. 山田 太郎) gives "card".
    /// </summary>
    public static string DefaultHandle(string? displayName)
    {
        var text = new StringBuilder();
        foreach (var c in (displayName ?? "").Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            text.Append(lower is >= 'a' and <= 'z' or >= '0' and <= '9' ? lower : '-');
        }

        var handle = string.Join('-', text.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (handle.Length > BusinessCard.HandleMaxLength - 4)
        {
            handle = handle[..(BusinessCard.HandleMaxLength - 4)].TrimEnd('-');
        }

        return handle.Length >= BusinessCard.HandleMinLength ? handle : "card";
    }
}
