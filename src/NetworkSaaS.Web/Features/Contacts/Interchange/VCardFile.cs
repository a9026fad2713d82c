namespace NetworkSaaS.Web.Features.Contacts.Interchange;

/// <summary>A file of one or more vCards; each record's line is that of its BEGIN:VCARD.</summary>
internal static class VCardFile
{
    public static bool Recognizes(string text) =>
        TextLines.Enumerate(text)
            .Select(line => line.TextIn(text).Trim())
            .FirstOrDefault(line => line.Length > 0)?
            .Equals("BEGIN:VCARD", StringComparison.OrdinalIgnoreCase) == true;

    public static IEnumerable<ContactDraft> Read(string text, UndecodableLines undecodable)
    {
        List<VCardProperty>? card = null;
        var beginLine = 0;
        foreach (var line in VCardLines.Unfold(text))
        {
            if (VCardProperty.Parse(line.Text) is not { } property)
            {
                continue;
            }

            if (IsBoundary(property, "BEGIN"))
            {
                if (card is not null)
                {
                    yield return Unfinished(beginLine);
                }

                card = [];
                beginLine = line.Number;
            }
            else if (IsBoundary(property, "END"))
            {
                if (card is not null)
                {
                    yield return undecodable.Within(beginLine, line.Number) is { } broken
                        ? ContactDraft.Rejected(broken.LineNumber, broken.Reason, broken.Detail)
                        : VCardContactBuilder.Build(beginLine, card);
                }

                card = null;
            }
            else
            {
                card?.Add(property);
            }
        }

        if (card is not null)
        {
            yield return Unfinished(beginLine);
        }
    }

    private static bool IsBoundary(VCardProperty property, string name) =>
        property.Name == name && property.RawValue.Trim().Equals("VCARD", StringComparison.OrdinalIgnoreCase);

    private static ContactDraft Unfinished(int beginLine) =>
        ContactDraft.Rejected(beginLine, RejectReason.MalformedRecord, "BEGIN:VCARD without END:VCARD");
}
