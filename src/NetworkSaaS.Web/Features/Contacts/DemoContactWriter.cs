using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Seeds;

namespace NetworkSaaS.Web.Features.Contacts;

/// <summary>Lets the demo seeds add contacts and interactions through the product's own rules.</summary>
public sealed class DemoContactWriter : IDemoContactWriter
{
    public async Task AddAsync(IServiceProvider tenantScope, Guid ownerId, IEnumerable<DemoContact> demos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantScope);
        ArgumentNullException.ThrowIfNull(demos);
        var db = tenantScope.GetRequiredService<AppDbContext>();
        foreach (var demo in demos)
        {
            await AddOneAsync(tenantScope, db, ownerId, demo, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task AddOneAsync(IServiceProvider tenantScope, AppDbContext db, Guid ownerId, DemoContact demo, CancellationToken cancellationToken)
    {
        var contact = new Contact { OwnerId = ownerId, LastContactedOn = demo.Interactions.Count > 0 ? demo.Interactions.Max(i => i.On) : null };
        await tenantScope.GetRequiredService<ContactWriter>().ApplyAsync(contact, new ContactInput
        {
            FamilyName = demo.FamilyName,
            GivenName = demo.GivenName,
            FamilyNameKana = demo.FamilyKana,
            GivenNameKana = demo.GivenKana,
            CompanyName = demo.Company,
            Title = demo.Title,
            Emails = demo.Email,
            Phones = demo.Phone,
            Channel = demo.Channel,
            MetOn = demo.MetOn,
            MetAt = demo.MetAt,
            Depth = demo.Depth,
            OpenToSales = demo.OpenTo.HasFlag(OpenTo.SalesIntroductions),
            OpenToHiring = demo.OpenTo.HasFlag(OpenTo.Hiring),
            OpenToAdvising = demo.OpenTo.HasFlag(OpenTo.Advising),
            Visibility = demo.Visibility,
            Tags = string.Join(", ", demo.Tags),
            Address = demo.Address,
        }, cancellationToken);
        db.Contacts.Add(contact);
        foreach (var (kind, on, note) in demo.Interactions)
        {
            db.Interactions.Add(new Interaction { ContactId = contact.Id, Kind = kind, OccurredOn = on, Note = note, CreatedByUserId = ownerId, CreatedAt = contact.CreatedAt });
        }
    }
}
