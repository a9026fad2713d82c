using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace NetworkSaaS.Web.Features.Localization;

/// <summary>
/// The resx localizers, with every string found kept per UI culture. A page looks up a hundred or more strings, and each
/// lookup of ResourceManager takes a process-wide lock and walks the culture fallback chain: under concurrent requests
/// that lock was the discovery page's most contended one. Strings not found are passed through uncached, so a name
/// made from input can never grow the cache.
/// </summary>
public sealed class CachedStringLocalizerFactory(ResourceManagerStringLocalizerFactory resources) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<IStringLocalizer, CachedStringLocalizer> localizers = new(ReferenceEqualityComparer.Instance);

    public IStringLocalizer Create(Type resourceSource) => Cached(resources.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => Cached(resources.Create(baseName, location));

    // The resx factory hands out one localizer per resource; StringLocalizer<T> (transient) asks for it on every injection.
    private CachedStringLocalizer Cached(IStringLocalizer inner) => localizers.GetOrAdd(inner, static i => new CachedStringLocalizer(i));
}

public sealed class CachedStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> found = new();

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (found.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var looked = inner[name];
            if (!looked.ResourceNotFound)
            {
                found.TryAdd(key, looked);
            }

            return looked;
        }
    }

    /// <summary>Formats as the resx localizer does: the current culture, the name itself when no string is found.</summary>
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
