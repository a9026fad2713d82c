using System.Net;
using System.Text.RegularExpressions;

namespace NetworkSaaS.Tests.Reports;

/// <summary>Reads the numbers the report pages show: the tables beside the charts (the numbers are the truth).</summary>
internal static partial class ReportHtml
{
    /// <summary>The rows of the first table after <paramref name="marker"/> (e.g. <c>id="by-purpose"</c>): row label → cell texts.</summary>
    public static Dictionary<string, string[]> Table(string html, string marker)
    {
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{marker}' is not on the page");
        var body = html.IndexOf("<tbody>", start, StringComparison.Ordinal);
        Assert.True(body >= 0, $"no table after '{marker}'");
        var end = html.IndexOf("</tbody>", body, StringComparison.Ordinal);
        return Row().Matches(html[body..end]).ToDictionary(
            m => Clean(m.Groups["label"].Value),
            m => Cell().Matches(m.Groups["cells"].Value).Select(c => Clean(c.Groups["text"].Value)).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>The text of the element with this id.</summary>
    public static string Text(string html, string id)
    {
        var match = Regex.Match(html, $"""id="{Regex.Escape(id)}"[^>]*>(?<text>.*?)</""", RegexOptions.Singleline);
        Assert.True(match.Success, $"no element with id '{id}'");
        return Clean(match.Groups["text"].Value);
    }

    private static string Clean(string fragment) => Whitespace().Replace(WebUtility.HtmlDecode(Tag().Replace(fragment, " ")), " ").Trim();

    [GeneratedRegex("""<tr>\s*<th scope="row">(?<label>.*?)</th>(?<cells>.*?)</tr>""", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("""<td[^>]*>(?<text>.*?)</td>""", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
