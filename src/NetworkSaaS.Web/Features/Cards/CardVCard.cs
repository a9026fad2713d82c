using NetworkSaaS.Web.Features.Contacts.Interchange;

namespace NetworkSaaS.Web.Features.Cards;

/// <summary>
/// A card as a vCard file, written by the app's one vCard writer (vCard 4.0, RFC 6350, with the kana both as N;SORT-AS and
/// as the X-PHONETIC-* fields iPhones and Android read): the display name and only the chosen details.
/// </summary>
public static class CardVCard
{
    public const string MediaType = "text/vcard";

    public static string Write(PublicCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var (family, given) = card.FamilyName is null && card.GivenName is null
            ? PersonNames.ContainsCjk(card.DisplayName) ? PersonNames.SplitFamilyFirst(card.DisplayName) : PersonNames.SplitDisplayName(card.DisplayName)
            : (card.FamilyName, card.GivenName);
        var (familyKana, givenKana) = PersonNames.SplitFamilyFirst(card.Kana);
        return VCardWriter.Write(
        [
            new ExportedContact(
                family, given, familyKana, givenKana, card.DisplayName, card.Company, card.Department, card.Title,
                card.Email is null ? [] : [card.Email],
                card.Phone is null ? [] : [card.Phone],
                card.Links,
                Address: null,
                Tags: [],
                Notes: card.Message,
                MetOn: null,
                Uid: $"urn:uuid:{card.Id}"),
        ]);
    }

    /// <summary>A file name that is plain ASCII whatever the name: the handle part of the address.</summary>
    public static string FileName(PublicCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return $"{CardAddress.Parse(card.Address)?.Handle ?? "card"}.vcf";
    }
}
