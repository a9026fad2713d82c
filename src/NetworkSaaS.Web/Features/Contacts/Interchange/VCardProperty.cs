namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>
/// One vCard property: <c>[group.]NAME[;PARAM=value[,value]...]:value</c>. The group (itemN.) is dropped,
/// names are upper-case, parameter values are unquoted and split on commas, repeated
/// parameters accumulate (type=WORK;type=pref), and vCard 2.1 bare parameters (;CELL;QUOTED-PRINTABLE) are understood.
/// </summary>
internal sealed class VCardProperty
{
    private static readonly string[] BareEncodings = ["QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"];

    private readonly Dictionary<string, List<string>> _parameters;

    private VCardProperty(string name, Dictionary<string, List<string>> parameters, string rawValue)
    {
        Name = name;
        _parameters = parameters;
        RawValue = rawValue;
    }

    public string Name { get; }

    /// <summary>The value as written, before any decoding or unescaping.</summary>
    public string RawValue { get; }

    public static VCardProperty? Parse(string line)
    {
        var colon = IndexOutsideQuotes(line, ':', 0);
        if (colon <= 0)
        {
            return null;
        }

        var head = SplitOutsideQuotes(line[..colon], ';');
        var name = head[0].Trim();
        name = name[(name.LastIndexOf('.') + 1)..].ToUpperInvariant();
        var parameters = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in head.Skip(1))
        {
            AddParameter(parameters, parameter);
        }

        return new VCardProperty(name, parameters, line[(colon + 1)..]);
    }

    public IReadOnlyList<string> Parameter(string name) => _parameters.TryGetValue(name, out var values) ? values : [];

    public bool HasType(string type) => Parameter("TYPE").Contains(type, StringComparer.OrdinalIgnoreCase);

    private static void AddParameter(Dictionary<string, List<string>> parameters, string parameter)
    {
        var equals = parameter.IndexOf('=', StringComparison.Ordinal);
        var (name, value) = equals < 0
            ? (BareEncodings.Contains(parameter.Trim(), StringComparer.OrdinalIgnoreCase) ? "ENCODING" : "TYPE", parameter)
            : (parameter[..equals], parameter[(equals + 1)..]);
        if (!parameters.TryGetValue(name.Trim(), out var values))
        {
            parameters[name.Trim()] = values = [];
        }

        // Quoted lists are lists too: TYPE="voice,cell" and SORT-AS="family,given" (RFC 6350 examples).
        // Empty items are kept: SORT-AS=",けんた" is a given name's reading.
        var unquoted = value.Replace("\"", "", StringComparison.Ordinal);
        values.AddRange(unquoted.Split(',', StringSplitOptions.TrimEntries));
    }

    private static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        int index;
        while ((index = IndexOutsideQuotes(text, separator, start)) >= 0)
        {
            parts.Add(text[start..index]);
            start = index + 1;
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static int IndexOutsideQuotes(string text, char target, int start)
    {
        var quoted = false;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == target && !quoted)
            {
                return i;
            }
        }

        return -1;
    }
}
