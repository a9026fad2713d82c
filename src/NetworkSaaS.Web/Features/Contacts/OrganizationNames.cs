using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>
/// Recognises one company behind its many spellings: legal forms (株式会社, ㈱, (株), Inc., Ltd., GmbH…) are
/// dropped, widths and case are folded, punctuation and spaces removed.
/// </summary>
public static partial class OrganizationNames
{
    // Longest first, so "Co., Ltd." goes before "Ltd.".
    private static readonly string[] JapaneseLegalForms =
    [
        "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人",
        "特定非営利活動法人", "npo法人", "学校法人", "医療法人", "社会福祉法人", "㈱", "㈲", "(株)", "(有)", "(同)",
    ];

    [GeneratedRegex(@"\b(co\.?,?\s*ltd|company\s+limited|corporation|incorporated|limited|inc|corp|ltd|llc|llp|plc|gmbh|ag|sa|s\.a|sas|srl|s\.r\.l|bv|b\.v|nv|n\.v|oy|ab|as|kk|k\.k|pte|pty|co)\b\.?", RegexOptions.CultureInvariant)]
    private static partial Regex WesternLegalForm();

    [GeneratedRegex(@"[\s\p{P}\p{S}]+", RegexOptions.CultureInvariant)]
    private static partial Regex PunctuationAndSpace();

    /// <summary>The name without its legal form, width and case folded, words kept apart (what discovery tokenizes).</summary>
    public static string WithoutLegalForm(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        foreach (var form in JapaneseLegalForms)
        {
            text = text.Replace(form.Normalize(NormalizationForm.FormKC), " ", StringComparison.Ordinal);
        }

        return WesternLegalForm().Replace(text, " ").Trim();
    }

    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        foreach (var form in JapaneseLegalForms)
        {
            text = text.Replace(form.Normalize(NormalizationForm.FormKC), " ", StringComparison.Ordinal);
        }

        text = WesternLegalForm().Replace(text, " ");
        text = PunctuationAndSpace().Replace(text, "");
        return text.Length > 0 ? text : PunctuationAndSpace().Replace(name.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture), "");
    }
}
