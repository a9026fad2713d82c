using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Sso;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>Email domains: how they are written down, and which of this company's connections covers one.</summary>
public static partial class SsoDomains
{
    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$")]
    private static partial Regex DomainShape();

    /// <summary>The domain of an address, lowercased (an internationalized domain in its ASCII form); empty when there is none.</summary>
    public static string Of(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.LastIndexOf('@');
        return at < 0 ? "" : Normalize(email[(at + 1)..]);
    }

    public static string Normalize(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var trimmed = domain.Trim().TrimEnd('.').ToLowerInvariant();
        try
        {
            return new IdnMapping().GetAscii(trimmed);
        }
        catch (ArgumentException)
        {
            return trimmed;
        }
    }

    /// <summary>Splits what the admin typed (commas, spaces or lines) into normalized domains; null when one is not a domain.</summary>
    public static IReadOnlyList<string>? Parse(string? text, out string? invalid)
    {
        invalid = null;
        var domains = new List<string>();
        foreach (var part in (text ?? "").Split([',', ' ', '\n', '\r', '\t', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var domain = Normalize(part.TrimStart('@'));
            if (!DomainShape().IsMatch(domain))
            {
                invalid = part;
                return null;
            }

            if (!domains.Contains(domain, StringComparer.Ordinal))
            {
                domains.Add(domain);
            }
        }

        return domains;
    }

    /// <summary>The enabled connection of this company that covers the address's domain, if any.</summary>
    public static Task<SsoConnection?> EnabledConnectionForAsync(this AppDbContext db, string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var domain = Of(email);
        return db.SsoConnections.AsNoTracking()
            .Where(c => c.IsEnabled && c.Domains.Any(d => d.Domain == domain))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
