namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>
/// Reads the contact files people export from their tools: vCard (iPhone, Google, Outlook), LinkedIn,
/// Eight and Sansan CSV, and the generic CSV template. Format and encoding come from the content.
/// Bad records, and lines whose bytes are not text, are reported by line and left out; the good ones are kept.
/// User text is never interpreted.
/// </summary>
public static class ContactFileReader
{
    public const int MaxFileBytes = ContactFileDecoder.MaxBytes;

    /// <summary>The first line of the generic CSV template (and of the CSV export).</summary>
    public static string GenericCsvTemplateHeader => GenericCsvFormat.Header;

    /// <param name="content">The uploaded bytes, at most <see cref="MaxFileBytes"/>.</param>
    /// <param name="fileName">Only named in the error when the format is unknown; it never decides the format.</param>
    /// <exception cref="ContactFileException">The file as a whole cannot be read: empty, too large, undecodable or of an unknown format.</exception>
    public static ContactFileParseResult Read(ReadOnlySpan<byte> content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var decoded = ContactFileDecoder.Decode(content);
        var undecodable = new UndecodableLines(decoded.Undecodable);
        var (format, drafts) = VCardFile.Recognizes(decoded.Text)
            ? (ContactFileFormat.VCard, VCardFile.Read(decoded.Text, undecodable))
            : CsvContactFile.TryRead(decoded.Text, undecodable)
              ?? throw (decoded.Undecodable.Count > 0
                  ? ContactFileDecoder.Unreadable(decoded.Undecodable[0])
                  : new ContactFileException(ContactFileProblem.UnknownFormat, Path.GetFileName(fileName)));

        var contacts = new List<ImportedContact>();
        var rejected = new List<RejectedRecord>();
        foreach (var draft in drafts)
        {
            var (contact, problem) = ContactRecordValidator.Validate(draft);
            if (contact is not null)
            {
                contacts.Add(contact);
            }
            else if (problem is not null)
            {
                rejected.Add(problem);
            }
        }

        // A line no record claimed (a preamble line, a line between vCards) is still reported.
        rejected.AddRange(undecodable.Unclaimed);
        return new ContactFileParseResult(format, decoded.EncodingName, contacts, [.. rejected.OrderBy(r => r.LineNumber)]);
    }
}
