namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>A data record read through its header: cells by column name, trimmed, empty as null.</summary>
internal sealed class CsvRow(CsvHeader header, CsvRecord record)
{
    public int LineNumber => record.LineNumber;

    public CsvHeader Header => header;

    /// <summary>The first non-empty cell among the columns with these names.</summary>
    public string? Get(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (At(header.IndexOf(name)) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    public string? At(int index) =>
        index >= 0 && index < record.Fields.Count ? ContactText.Clean(record.Fields[index]) : null;
}
