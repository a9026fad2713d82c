using System.Text.RegularExpressions;

namespace NetworkSaaS.Web.Features.Scim;

/// <summary>
/// The one filter form directories use to find a resource before they create it: <c>attribute eq "value"</c>.
/// Anything else is refused with invalidFilter rather than answered wrongly.
/// </summary>
public sealed partial record ScimFilter(string Attribute, string Value)
{
    [GeneratedRegex("""^\s*([A-Za-z][\w.:-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EqualsString();

    /// <param name="filter">The filter query parameter; null or blank means no filter.</param>
    /// <param name="attributes">Attributes this resource can be filtered on (matched case-insensitively).</param>
    public static ScimFilter? Parse(string? filter, params string[] attributes)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }

        var match = EqualsString().Match(filter);
        if (!match.Success)
        {
            throw ScimException.InvalidFilter($"Only filters of the form attribute eq \"value\" on {string.Join(", ", attributes)} are supported.");
        }

        var attribute = match.Groups[1].Value;
        var prefix = attribute.LastIndexOf(':');
        if (prefix >= 0)
        {
            attribute = attribute[(prefix + 1)..];
        }

        var known = attributes.FirstOrDefault(a => a.Equals(attribute, StringComparison.OrdinalIgnoreCase))
                    ?? throw ScimException.InvalidFilter($"Filtering on {attribute} is not supported; use {string.Join(", ", attributes)}.");
        return new ScimFilter(known, Regex.Unescape(match.Groups[2].Value));
    }
}
