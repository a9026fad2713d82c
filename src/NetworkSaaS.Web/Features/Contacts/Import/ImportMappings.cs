using NetworkSaaS.Web.Features.Contacts.Interchange;

namespace NetworkSaaS.Web.Features.Contacts.Import;

/// <summary>How each format's columns land in a contact, shown on the preview. Field names are UI keys already translated.</summary>
public static class ImportMappings
{
    public static IReadOnlyList<(string Source, string Field)> For(ContactFileFormat format) => format switch
    {
        ContactFileFormat.VCard =>
        [
            ("N / FN", "Name"), ("X-PHONETIC-*, SORT-AS", "Reading"), ("ORG", "Company"), ("ORG (2)", "Department"), ("TITLE", "Title"),
            ("EMAIL", "Emails"), ("TEL", "Phones"), ("URL", "Web"), ("ADR", "Address"), ("CATEGORIES", "Tags"), ("NOTE", "Notes"),
        ],
        ContactFileFormat.LinkedIn =>
        [
            ("First Name / Last Name", "Name"), ("Company", "Company"), ("Position", "Title"), ("Email Address", "Emails"), ("URL", "Web"), ("Connected On", "Met on"),
        ],
        ContactFileFormat.Eight =>
        [
            ("姓 / 名 (氏名)", "Name"), ("会社名", "Company"), ("部署名", "Department"), ("役職", "Title"), ("e-mail", "Emails"),
            ("TEL会社 / TEL部門 / TEL直通 / 携帯電話", "Phones"), ("URL", "Web"), ("郵便番号 / 住所", "Address"), ("名刺交換日", "Met on"), ("…", "Tags"),
        ],
        ContactFileFormat.Sansan =>
        [
            ("姓 / 名 (氏名)", "Name"), ("姓(カナ) / 名(カナ)", "Reading"), ("会社名", "Company"), ("部署名", "Department"), ("役職", "Title"),
            ("E-mail", "Emails"), ("TEL / 携帯電話", "Phones"), ("URL", "Web"), ("郵便番号 / 住所", "Address"), ("名刺交換日", "Met on"),
        ],
        _ =>
        [
            ("family_name / given_name", "Name"), ("family_name_kana / given_name_kana", "Reading"), ("company", "Company"), ("department", "Department"),
            ("title", "Title"), ("emails", "Emails"), ("phones", "Phones"), ("urls", "Web"), ("address", "Address"), ("tags", "Tags"), ("notes", "Notes"), ("met_on", "Met on"),
        ],
    };
}
