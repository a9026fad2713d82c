using System.Text;

using NetworkSaaS.Web.Features.Contacts.Interchange;

namespace NetworkSaaS.Tests.Unit.Interchange;

/// <summary>Sample files and ways to turn test text into the bytes a user would upload.</summary>
internal static class ContactFiles
{
    static ContactFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding ShiftJis => Encoding.GetEncoding(932);

    public static byte[] Sample(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Unit", "Interchange", "Samples", name));

    public static string SampleText(string name, Encoding encoding) => encoding.GetString(Sample(name)).TrimStart('\uFEFF');

    public static ContactFileParseResult ReadSample(string name) => ContactFileReader.Read(Sample(name), name);

    /// <summary>Reads text encoded as UTF-8 without BOM; lines joined with CRLF.</summary>
    public static ContactFileParseResult ReadLines(string fileName, params string[] lines) => ReadText(string.Join("\r\n", lines) + "\r\n", fileName);

    public static ContactFileParseResult ReadText(string text, string fileName = "contacts.csv") =>
        ContactFileReader.Read(Encoding.UTF8.GetBytes(text), fileName);

    public static ContactFileException ReadFails(byte[] content, string fileName = "contacts.csv") =>
        Assert.Throws<ContactFileException>(() => ContactFileReader.Read(content, fileName));

    public static string WithLineEndings(string text, string newLine) => text.ReplaceLineEndings(newLine);
}
