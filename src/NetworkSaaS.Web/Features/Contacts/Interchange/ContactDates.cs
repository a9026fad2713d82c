using System.Globalization;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>The date shapes the exports use; always read with the invariant culture.</summary>
internal static class ContactDates
{
    /// <summary>The generic template's format, which the CSV and vCard exports write.</summary>
    public const string IsoFormat = "yyyy-MM-dd";

    /// <summary>ISO, plus what Excel turns it into when a user saves the file again (2024/6/12).</summary>
    public static readonly string[] IsoOrSlashed = [IsoFormat, "yyyy-M-d", "yyyy/M/d"];

    /// <summary>Japanese exports (Eight, Sansan): 2024/06/12, sometimes ISO or 2024年6月12日.</summary>
    public static readonly string[] Japanese = ["yyyy/M/d", "yyyy-M-d", "yyyy年M月d日"];

    /// <summary>LinkedIn's "Connected On": 15 Jan 2023.</summary>
    public static readonly string[] LinkedIn = ["d MMM yyyy", "dd MMM yyyy", "d-MMM-yy", IsoFormat];

    public static bool TryParse(string text, string[] formats, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Format(DateOnly date) => date.ToString(IsoFormat, CultureInfo.InvariantCulture);
}
