namespace NetworkSaaS.Web.Features.Navigation;

/// <summary>Which header link a page belongs to: the link is marked on its own page and on every page below it.</summary>
public static class CurrentSection
{
    /// <param name="section">A path under the company, such as "contacts" or "account/profile"; "" is the company home page alone.</param>
    public static bool IsWithin(PathString path, string slug, string section)
    {
        ArgumentNullException.ThrowIfNull(slug);
        ArgumentNullException.ThrowIfNull(section);
        var value = path.Value ?? "";
        var prefix = "/" + slug;
        if (!value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || (value.Length > prefix.Length && value[prefix.Length] != '/'))
        {
            return false;
        }

        var rest = value[prefix.Length..].Trim('/');
        return section.Length == 0
            ? rest.Length == 0
            : rest.Equals(section, StringComparison.OrdinalIgnoreCase) || rest.StartsWith(section + "/", StringComparison.OrdinalIgnoreCase);
    }
}
