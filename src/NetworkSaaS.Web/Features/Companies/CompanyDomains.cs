using System.Globalization;

namespace NetworkSaaS.Web.Features.Companies;

/// <summary>A company's web domain as it is stored: the host of its site, lower case, without "www.".</summary>
public static class CompanyDomains
{
    public const int MaxLength = 200;

    /// <summary>"https://www.Sakura-Foods.example.jp/about" and "sakura-foods.example.jp" both give "sakura-foods.example.jp"; null when it is no host name.</summary>
    public static string? FromUrl(string? url)
    {
        var text = url?.Trim();
        if (string.IsNullOrEmpty(text) || text.Any(char.IsWhiteSpace))
        {
            return null;
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.HostNameType != UriHostNameType.Dns)
        {
            return null;
        }

        var host = uri.IdnHost.ToLower(CultureInfo.InvariantCulture).TrimEnd('.');
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        return host.Contains('.', StringComparison.Ordinal) && host.Length <= MaxLength ? host : null;
    }
}
