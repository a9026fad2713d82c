using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Features.Organization;

/// <summary>
/// A day the company does not work although it is a weekday (年末年始, お盆, national holidays the company observes…).
/// Working-day periods (introduction reminders) skip it; the admin keeps the list on the company settings page.
/// </summary>
public sealed class CompanyHoliday : ITenantOwned
{
    public const int MaxNameLength = 100;

    public Guid TenantId { get; set; }
    public DateOnly Day { get; set; }
    public string? Name { get; set; }
}
