using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts.Interchange;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>Downloads the current user's own contacts (never colleagues') as vCard 4.0 or the CSV template.</summary>
public sealed class ExportModel(AppDbContext db, ContactAccess access, ITenantContextAccessor tenantContext, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string format, CancellationToken cancellationToken)
    {
        var me = access.CurrentUserId;
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.OwnerId == me && !c.UseStopped).OrderBy(c => c.SortKey)
            .Select(c => new ExportedContact(c.FamilyName, c.GivenName, c.FamilyNameKana, c.GivenNameKana, c.DisplayName, c.CompanyName,
                c.Department, c.Title, c.Emails, c.Phones, c.Urls, c.Address, c.Tags, c.Notes, c.MetOn, c.VCardUid ?? "urn:uuid:" + c.Id))
            .ToListAsync(cancellationToken);
        var stamp = TenantClock.Today(tenantContext.Tenant!, clock).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return format == "vcf"
            ? File(Encoding.UTF8.GetBytes(VCardWriter.Write(contacts)), "text/vcard; charset=utf-8", $"networksaas-contacts-{stamp}.vcf")
            : File(ContactCsvWriter.Write(contacts), "text/csv; charset=utf-8", $"networksaas-contacts-{stamp}.csv");
    }
}
