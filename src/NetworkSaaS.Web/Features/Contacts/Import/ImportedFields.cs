using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Web.Features.Contacts.Import;

/// <summary>The fields an import fills on a contact it updates, as they were before: what undoing the import writes back.</summary>
public sealed record ImportedFields(
    string? FamilyName, string? GivenName, string? FamilyNameKana, string? GivenNameKana, string? CompanyName, string? Department,
    string? Title, string? Address, string? Notes, string? VCardUid, DateOnly? MetOn,
    List<string> Emails, List<string> Phones, List<string> Urls, List<string> Tags)
{
    public static ImportedFields Of(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new(contact.FamilyName, contact.GivenName, contact.FamilyNameKana, contact.GivenNameKana, contact.CompanyName, contact.Department,
            contact.Title, contact.Address, contact.Notes, contact.VCardUid, contact.MetOn,
            [.. contact.Emails], [.. contact.Phones], [.. contact.Urls], [.. contact.Tags]);
    }

    public void RestoreTo(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        contact.FamilyName = FamilyName;
        contact.GivenName = GivenName;
        contact.FamilyNameKana = FamilyNameKana;
        contact.GivenNameKana = GivenNameKana;
        contact.CompanyName = CompanyName;
        contact.Department = Department;
        contact.Title = Title;
        contact.Address = Address;
        contact.Notes = Notes;
        contact.VCardUid = VCardUid;
        contact.MetOn = MetOn;
        contact.Emails = [.. Emails];
        contact.Phones = [.. Phones];
        contact.Urls = [.. Urls];
        contact.Tags = [.. Tags];
    }
}
