using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>Finds or creates the Organization for a company name, so every employee's contacts at it roll up together.</summary>
public sealed class OrganizationDirectory(AppDbContext db, TimeProvider clock)
{
    private static readonly HashSet<string> FreeMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "yahoo.co.jp", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "me.com", "docomo.ne.jp",
        "ezweb.ne.jp", "softbank.ne.jp", "i.softbank.jp", "au.com", "live.jp", "live.com", "msn.com", "proton.me", "protonmail.com",
    };

    private readonly Dictionary<string, Organization> _seen = new(StringComparer.Ordinal);

    /// <summary>Loads the organizations of many company names in one query (imports resolve a chunk at a time).</summary>
    public async Task PreloadAsync(IEnumerable<string?> companyNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(companyNames);
        var wanted = companyNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => OrganizationNames.Normalize(n!))
            .Where(n => !_seen.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0)
        {
            return;
        }

        foreach (var organization in await db.Organizations.Where(o => wanted.Contains(o.NormalizedName)).ToListAsync(cancellationToken))
        {
            _seen[organization.NormalizedName] = organization;
        }
    }

    public async Task<Organization?> ResolveAsync(string? companyName, IReadOnlyList<string> emails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emails);
        if (string.IsNullOrWhiteSpace(companyName))
        {
            return null;
        }

        var normalized = OrganizationNames.Normalize(companyName);
        if (_seen.TryGetValue(normalized, out var known))
        {
            return known;
        }

        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.NormalizedName == normalized, cancellationToken);
        if (organization is null)
        {
            organization = new Organization
            {
                Name = companyName.Trim(),
                NormalizedName = normalized,
                Domain = emails.Select(e => e[(e.IndexOf('@', StringComparison.Ordinal) + 1)..].ToLowerInvariant())
                    .FirstOrDefault(d => !FreeMailDomains.Contains(d)),
                CreatedAt = clock.GetUtcNow(),
            };
            db.Organizations.Add(organization);
        }

        _seen[normalized] = organization;
        return organization;
    }

    /// <summary>
    /// Fills the industry and domain of a contact's organization from an import, where nobody has set them yet: a value
    /// someone entered is never overwritten.
    /// </summary>
    public async Task AddFactsAsync(string? companyName, IReadOnlyList<string> emails, string? industry, string? domain, CancellationToken cancellationToken)
    {
        if ((industry is null && domain is null) || await ResolveAsync(companyName, emails, cancellationToken) is not { } organization
            || ((organization.Industry is not null || industry is null) && (organization.Domain is not null || domain is null)))
        {
            return;
        }

        // Organizations seen in an earlier chunk of the import were detached when that chunk was saved.
        if (db.Entry(organization).State == EntityState.Detached)
        {
            db.Organizations.Attach(organization);
        }

        organization.Industry ??= industry;
        organization.Domain ??= domain;
    }
}
