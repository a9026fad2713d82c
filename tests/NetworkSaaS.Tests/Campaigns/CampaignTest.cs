using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Tests.Campaigns;

/// <summary>Integration tests of the seasonal campaigns on a settable clock, with helpers for contacts, greetings and posts.</summary>
public abstract partial class CampaignTest(PostgresCluster cluster, DateTimeOffset start) : IntegrationTest(cluster)
{
    protected SettableClock Clock { get; } = new(start);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>A contact written through the app's own writer (organization, cadence), with the fields the campaigns read.</summary>
    protected async Task<Contact> AddContactAsync(
        ITenantInfo tenant, AppUser owner, string family, string given, int depth, string? address = null, string? company = null,
        string? department = null, string? title = null, string? familyKana = null, string? givenKana = null) =>
        (await App.CreateContactsAsync(tenant, owner.Id, [new ContactInput
        {
            FamilyName = family, GivenName = given, FamilyNameKana = familyKana, GivenNameKana = givenKana, CompanyName = company,
            Department = department, Title = title, Address = address, Depth = depth,
        }]))[0];

    /// <summary>Many contacts at once (for paging): "Person 001", "Person 002"… in that sort order.</summary>
    protected Task<List<Contact>> AddManyContactsAsync(ITenantInfo tenant, AppUser owner, int count, int depth, string? company = null) =>
        App.CreateContactsAsync(tenant, owner.Id, Enumerable.Range(1, count).Select(i => new ContactInput
        {
            FamilyName = "Person", GivenName = i.ToString("000", System.Globalization.CultureInfo.InvariantCulture), CompanyName = company, Depth = depth,
        }));

    /// <summary>A seasonal greeting logged on the contact's timeline (as the contact page does), on <paramref name="on"/>.</summary>
    protected Task LogGreetingAsync(ITenantInfo tenant, Contact contact, DateOnly on) =>
        App.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Interactions.Add(new Interaction
            {
                ContactId = contact.Id, Kind = InteractionKind.SeasonalGreeting, OccurredOn = on, CreatedByUserId = contact.OwnerId, CreatedAt = Clock.GetUtcNow(),
            });
            return await db.SaveChangesAsync();
        });

    protected Task<List<Interaction>> InteractionsAsync(ITenantInfo tenant, Guid contactId) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Interactions.AsNoTracking()
            .Where(i => i.ContactId == contactId).OrderBy(i => i.CreatedAt).ToListAsync());

    protected Task<Contact> LoadContactAsync(ITenantInfo tenant, Guid contactId) =>
        App.InTenantAsync(tenant, sp => sp.GetRequiredService<AppDbContext>().Contacts.AsNoTracking().SingleAsync(c => c.Id == contactId));

    protected static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Guid contactId, Dictionary<string, string>? fields = null, HttpStatusCode? expect = null)
    {
        var form = new Dictionary<string, string>(fields ?? []) { ["contactId"] = contactId.ToString() };
        return await client.PostFormAsync(url, form, url.Split('?')[0], expect);
    }

    protected static void AssertRedirect(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}");
    }

    [GeneratedRegex("<tr data-contact=\"([0-9a-f-]{36})\"")]
    private static partial Regex ListedRow();

    /// <summary>The contact ids listed on a greeting list page, in page order.</summary>
    protected static List<Guid> ListedContacts(string html) => [.. ListedRow().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value))];
}
