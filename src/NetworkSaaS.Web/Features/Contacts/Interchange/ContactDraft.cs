namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>A record as a reader found it, before clean-up and validation turn it into an <see cref="ImportedContact"/>.</summary>
internal sealed class ContactDraft(int lineNumber)
{
    public int LineNumber { get; } = lineNumber;

    public string? FamilyName { get; set; }

    public string? GivenName { get; set; }

    public string? FamilyNameKana { get; set; }

    public string? GivenNameKana { get; set; }

    public string? CompanyName { get; set; }

    public string? Department { get; set; }

    public string? Title { get; set; }

    public List<string> Emails { get; } = [];

    public List<string> Phones { get; } = [];

    public List<string> Urls { get; } = [];

    public string? Address { get; set; }

    public List<string> Tags { get; } = [];

    public string? Notes { get; set; }

    public DateOnly? MetOn { get; set; }

    public string? VCardUid { get; set; }

    /// <summary>The company's industry as the file names it (Sansan's 業種).</summary>
    public string? Industry { get; set; }

    /// <summary>The company's web site, where the format's URL column holds it (Sansan).</summary>
    public string? CompanyUrl { get; set; }

    /// <summary>The first problem the reader met; the record is then rejected whatever else it holds.</summary>
    public RejectedRecord? Problem { get; private set; }

    public static ContactDraft Rejected(int lineNumber, RejectReason reason, string? detail)
    {
        var draft = new ContactDraft(lineNumber);
        draft.Reject(reason, detail);
        return draft;
    }

    public void Reject(RejectReason reason, string? detail) => Problem ??= new RejectedRecord(LineNumber, reason, detail);

    /// <summary>Sets <see cref="MetOn"/> from text in one of <paramref name="formats"/>, or rejects the record.</summary>
    public void ReadMetOn(string? text, string[] formats)
    {
        if (ContactText.Clean(text) is not { } value)
        {
            return;
        }

        if (ContactDates.TryParse(value, formats, out var date))
        {
            MetOn = date;
        }
        else
        {
            Reject(RejectReason.InvalidDate, value);
        }
    }
}
