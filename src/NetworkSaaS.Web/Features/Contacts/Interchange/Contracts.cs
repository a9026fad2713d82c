namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>The file formats people bring their contacts in (and, for vCard and the generic CSV, take them out).</summary>
public enum ContactFileFormat
{
    VCard,
    LinkedIn,
    Eight,
    Sansan,
    GenericCsv,
}

/// <summary>One person read from an import file, before any matching against stored contacts.</summary>
/// <param name="LineNumber">1-based line in the file where this record starts (as a text editor counts lines).</param>
public sealed record ImportedContact(
    int LineNumber,
    string? FamilyName,
    string? GivenName,
    string? FamilyNameKana,
    string? GivenNameKana,
    string? CompanyName,
    string? Department,
    string? Title,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Urls,
    string? Address,
    IReadOnlyList<string> Tags,
    string? Notes,
    DateOnly? MetOn,
    string? VCardUid)
{
    /// <summary>The company's industry as a code of <see cref="Companies.Industries"/>, when the file names one we recognise.</summary>
    public string? Industry { get; init; }

    /// <summary>The company's web domain (from its URL), when the format's URL column is the company's site.</summary>
    public string? CompanyDomain { get; init; }
}

/// <summary>Why a record was not imported. The UI shows a localized sentence for each.</summary>
public enum RejectReason
{
    MissingName,
    InvalidEmail,
    InvalidDate,
    ValueTooLong,
    MalformedRecord,
    TooManyColumns,

    /// <summary>The line's bytes are not text in the file's encoding.</summary>
    UndecodableBytes,
    /// <summary>The person asked the company to erase their data: their email or phone is on the suppression list.</summary>
    Suppressed,
}

public sealed record RejectedRecord(int LineNumber, RejectReason Reason, string? Detail);

public sealed record ContactFileParseResult(
    ContactFileFormat Format,
    string EncodingName,
    IReadOnlyList<ImportedContact> Contacts,
    IReadOnlyList<RejectedRecord> Rejected);

/// <summary>Raised when a whole file cannot be read (unknown format, undecodable bytes, empty file).</summary>
public sealed class ContactFileException(ContactFileProblem problem, string? detail = null)
    : Exception($"{problem}: {detail}")
{
    public ContactFileProblem Problem { get; } = problem;
    public string? Detail { get; } = detail;
}

public enum ContactFileProblem
{
    Empty,
    UnknownFormat,
    UnreadableEncoding,
    TooLarge,
}

/// <summary>A contact as written out by the exports (vCard 4.0 and the generic CSV template).</summary>
public sealed record ExportedContact(
    string? FamilyName,
    string? GivenName,
    string? FamilyNameKana,
    string? GivenNameKana,
    string DisplayName,
    string? CompanyName,
    string? Department,
    string? Title,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Urls,
    string? Address,
    IReadOnlyList<string> Tags,
    string? Notes,
    DateOnly? MetOn,
    string Uid);
