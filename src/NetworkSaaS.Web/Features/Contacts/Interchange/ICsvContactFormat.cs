namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>One CSV export shape: knows its header and how to read a row of it.</summary>
internal interface ICsvContactFormat
{
    ContactFileFormat Format { get; }

    bool Recognizes(CsvHeader header);

    ContactDraft Map(CsvRow row);
}
