using System.Text;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>
/// Writes contacts as vCard 4.0 (RFC 6350) that phones and mail clients import: CRLF line ends, lines
/// folded at 75 octets without splitting a character, kana both as N;SORT-AS and as iOS's X-PHONETIC-*.
/// </summary>
public static class VCardWriter
{
    private const int MaxLineOctets = 75;

    public static string Write(IEnumerable<ExportedContact> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var output = new StringBuilder();
        foreach (var contact in contacts)
        {
            WriteCard(output, contact);
        }

        return output.ToString();
    }

    private static void WriteCard(StringBuilder output, ExportedContact contact)
    {
        void Line(string nameAndParameters, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                AppendFolded(output, $"{nameAndParameters}:{value}");
            }
        }

        Line("BEGIN", "VCARD");
        Line("VERSION", "4.0");
        Line("UID", VCardText.Escape(contact.Uid));
        Line("FN", VCardText.Escape(FormattedName(contact)));
        AppendFolded(output, $"N{SortAs(contact)}:{Structured(contact.FamilyName, contact.GivenName, null, null, null)}");
        Line("X-PHONETIC-LAST-NAME", VCardText.Escape(contact.FamilyNameKana));
        Line("X-PHONETIC-FIRST-NAME", VCardText.Escape(contact.GivenNameKana));
        Line("ORG", ContactText.Clean(contact.CompanyName + contact.Department) is null ? null : Structured(contact.CompanyName, contact.Department));
        Line("TITLE", VCardText.Escape(contact.Title));
        foreach (var email in contact.Emails)
        {
            Line("EMAIL", VCardText.Escape(email));
        }

        foreach (var phone in contact.Phones)
        {
            Line("TEL", VCardText.Escape(phone));
        }

        foreach (var url in contact.Urls)
        {
            Line("URL", VCardText.Escape(url));
        }

        // The address is one free-text string here, so it all goes in the street component.
        Line("ADR", string.IsNullOrWhiteSpace(contact.Address) ? null : Structured(null, null, contact.Address, null, null, null, null));
        Line("CATEGORIES", string.Join(',', contact.Tags.Where(tag => !string.IsNullOrWhiteSpace(tag)).Select(VCardText.Escape)));
        Line("NOTE", VCardText.Escape(contact.Notes));
        Line("X-NETWORKSAAS-MET", contact.MetOn is { } metOn ? ContactDates.Format(metOn) : null);
        Line("END", "VCARD");
    }

    private static string FormattedName(ExportedContact contact) =>
        ContactText.Clean(contact.DisplayName)
        ?? ContactText.JoinNonEmpty(" ", contact.FamilyName, contact.GivenName)
        ?? (contact.Emails is [var email, ..] ? email : null)
        ?? "-";

    private static string Structured(params ReadOnlySpan<string?> components)
    {
        var escaped = new string[components.Length];
        for (var i = 0; i < components.Length; i++)
        {
            escaped[i] = VCardText.Escape(components[i]?.Trim());
        }

        return string.Join(';', escaped);
    }

    /// <summary>
    /// ;SORT-AS="family,given" with the kana, when there is kana that fits a quoted parameter
    /// (no quote, comma, caret or control character). X-PHONETIC-* carries it either way.
    /// </summary>
    private static string SortAs(ExportedContact contact)
    {
        var family = contact.FamilyNameKana?.Trim() ?? "";
        var given = contact.GivenNameKana?.Trim() ?? "";
        var value = $"{family},{given}";
        var fits = value.Length > 1 && !value.Any(c => c is '"' or '^' || char.IsControl(c)) && value.Count(c => c == ',') == 1;
        return fits ? $";SORT-AS=\"{value}\"" : "";
    }

    /// <summary>RFC 6350 3.2: a line longer than 75 octets continues on the next line after a space.</summary>
    private static void AppendFolded(StringBuilder output, string line)
    {
        Span<char> buffer = stackalloc char[2];
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            if (octets + rune.Utf8SequenceLength > MaxLineOctets)
            {
                output.Append("\r\n ");
                octets = 1;
            }

            output.Append(buffer[..rune.EncodeToUtf16(buffer)]);
            octets += rune.Utf8SequenceLength;
        }

        output.Append("\r\n");
    }
}
