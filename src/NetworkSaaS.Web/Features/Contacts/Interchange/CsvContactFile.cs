namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>
/// A CSV export: finds the header line below whatever preamble the tool writes (LinkedIn's "Notes:",
/// Eight's generated-on lines) by looking at each line, then reads every record after it.
/// </summary>
internal static class CsvContactFile
{
    /// <summary>How far down a header may be; real preambles take a few lines.</summary>
    private const int MaxHeaderLine = 30;

    private static readonly ICsvContactFormat[] Formats =
        [new GenericCsvFormat(), new LinkedInCsvFormat(), new EightCsvFormat(), new SansanCsvFormat()];

    public static (ContactFileFormat Format, IEnumerable<ContactDraft> Drafts)? TryRead(string text, UndecodableLines undecodable)
    {
        foreach (var line in TextLines.Enumerate(text).Take(MaxHeaderLine))
        {
            var candidate = CsvRecordReader.ReadLine(line.TextIn(text));
            if (candidate.Unterminated || candidate.IsBlank)
            {
                continue;
            }

            var header = new CsvHeader(candidate.Fields);
            if (Formats.FirstOrDefault(format => format.Recognizes(header)) is { } found)
            {
                var records = new CsvRecordReader(text, line.NextStart, line.Number + 1).ReadAll();
                return (found.Format, ReadRecords(found, header, records, undecodable));
            }
        }

        return null;
    }

    private static IEnumerable<ContactDraft> ReadRecords(ICsvContactFormat format, CsvHeader header, IEnumerable<CsvRecord> records, UndecodableLines undecodable)
    {
        foreach (var record in records)
        {
            if (undecodable.Within(record.LineNumber, record.LastLineNumber) is { } broken)
            {
                yield return ContactDraft.Rejected(broken.LineNumber, broken.Reason, broken.Detail);
            }
            else if (record.Unterminated)
            {
                yield return ContactDraft.Rejected(record.LineNumber, RejectReason.MalformedRecord, "unterminated quoted field");
            }
            else if (record.Fields.Count > header.Count)
            {
                yield return ContactDraft.Rejected(record.LineNumber, RejectReason.TooManyColumns, $"{record.Fields.Count}/{header.Count}");
            }
            else if (!record.IsBlank)
            {
                yield return format.Map(new CsvRow(header, record));
            }
        }
    }
}
