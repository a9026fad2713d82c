using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace NetworkSaaS.Web.Features.Cards;

public enum StampCheck
{
    Valid,

    /// <summary>Sent sooner after the form was shown than a person can fill it in: a bot.</summary>
    TooFast,

    /// <summary>The form was open longer than a stamp lives: the visitor sends it again.</summary>
    Expired,

    /// <summary>Missing, forged or for another card.</summary>
    Invalid,
}

/// <summary>
/// The "leave your details" form carries when it was shown, for this card, protected by the app's data protection keys
/// (shared by every web process), so a bot can neither skip the wait nor reuse a stamp on another card.
/// </summary>
public sealed class CardFormStamp(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    public static readonly TimeSpan MinimumFillTime = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan MaximumAge = TimeSpan.FromHours(12);

    private readonly IDataProtector protector = dataProtection.CreateProtector("NetworkSaaS.Cards.FormStamp.v1");

    public string Issue(Guid cardId) =>
        protector.Protect($"{cardId:N}|{clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture)}");

    public StampCheck Check(string? stamp, Guid cardId)
    {
        if (string.IsNullOrEmpty(stamp))
        {
            return StampCheck.Invalid;
        }

        string value;
        try
        {
            value = protector.Unprotect(stamp);
        }
        catch (CryptographicException)
        {
            return StampCheck.Invalid;
        }

        var parts = value.Split('|');
        if (parts.Length != 2 || parts[0] != cardId.ToString("N")
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return StampCheck.Invalid;
        }

        var age = clock.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero);
        return age < MinimumFillTime ? StampCheck.TooFast : age > MaximumAge ? StampCheck.Expired : StampCheck.Valid;
    }
}
