using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Web.Features.Companies;

/// <summary>
/// Which external companies a user may learn exist: those where they have a contact, or where an active colleague has a
/// Shared or Discoverable contact whose use is not stopped. A company known only through colleagues' Private contacts
/// stays unknown (the company page answers 404, the API leaves it out).
/// </summary>
public static class OrganizationVisibility
{
    public static IQueryable<Organization> VisibleTo(this IQueryable<Organization> organizations, IQueryable<Contact> contacts, Guid userId) =>
        organizations.Where(o => contacts.Any(c => c.OrganizationId == o.Id
            && (c.OwnerId == userId || (c.Visibility != ContactVisibility.Private && c.Owner!.IsActive && !c.UseStopped))));
}
