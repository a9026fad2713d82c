using System.Text;

namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>
/// A CSV header row. Column names match after NFKC normalisation (full-width （カナ） equals (カナ)),
/// without white space and ignoring case, so "E-mail" finds Eight's "e-mail".
/// </summary>
internal sealed class CsvHeader
{
    private readonly Dictionary<string, int> _indexByKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);

    public CsvHeader(IReadOnlyList<string> names)
    {
        Names = [.. names.Select(name => name.Trim())];
        for (var i = 0; i < Names.Count; i++)
        {
            _indexByKey.TryAdd(Key(Names[i]), i);
        }
    }

    /// <summary>The column names as written, trimmed.</summary>
    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    public bool Has(string name) => IndexOf(name) >= 0;

    public bool HasAny(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (Has(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of the first column with this name, or -1.</summary>
    public int IndexOf(string name)
    {
        if (!_indexByName.TryGetValue(name, out var index))
        {
            index = _indexByKey.GetValueOrDefault(Key(name), -1);
            _indexByName[name] = index;
        }

        return index;
    }

    private static string Key(string name)
    {
        var normalized = name.Normalize(NormalizationForm.FormKC);
        return string.Concat(normalized.Where(c => !char.IsWhiteSpace(c)));
    }
}
