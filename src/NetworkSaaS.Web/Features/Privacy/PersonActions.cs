using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Privacy;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Web.Features.Privacy;

/// <summary>A field a correction request (訂正 / Art. 16) can change across every copy of the person.</summary>
public enum CorrectableField
{
    FamilyName = 1,
    GivenName = 2,
    FamilyNameKana = 3,
    GivenNameKana = 4,
    CompanyName = 5,
    Department = 6,
    Title = 7,
    Address = 8,

    /// <summary>Replaces one address (the old value) with the new one.</summary>
    Email = 9,

    /// <summary>Replaces one number (the old value, in any format) with the new one.</summary>
    Phone = 10,
}

/// <summary>
/// What a privacy handler does to every copy of one person at once: correct a field, stop use, erase. Each is one
/// transaction with its audit entry naming the request.
/// </summary>
public sealed class PersonActions(AppDbContext db, ContactWriter writer, SuppressionList suppressions, AuditLog audit, ITenantContextAccessor tenantContext)
{
    /// <returns>How many copies changed.</returns>
    public async Task<int> CorrectAsync(PrivacyRequest request, IReadOnlyCollection<Guid> contactIds, CorrectableField field, string? oldValue, string? newValue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = contactIds.ToList();
        var contacts = await db.Contacts.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var value = string.IsNullOrWhiteSpace(newValue) ? null : newValue.Trim();
        var region = PhoneNumberForms.RegionOf(tenantContext.Tenant!);
        var changed = 0;
        foreach (var contact in contacts)
        {
            var before = Snapshot(contact);
            switch (field)
            {
                case CorrectableField.FamilyName: contact.FamilyName = value; break;
                case CorrectableField.GivenName: contact.GivenName = value; break;
                case CorrectableField.FamilyNameKana: contact.FamilyNameKana = value; break;
                case CorrectableField.GivenNameKana: contact.GivenNameKana = value; break;
                case CorrectableField.CompanyName: contact.CompanyName = value; break;
                case CorrectableField.Department: contact.Department = value; break;
                case CorrectableField.Title: contact.Title = value; break;
                case CorrectableField.Address: contact.Address = value; break;
                case CorrectableField.Email:
                    var old = oldValue?.Trim().ToLowerInvariant() ?? "";
                    contact.Emails = [.. contact.Emails.Select(e => e == old && value is not null ? value.ToLowerInvariant() : e).Where(e => e != old).Distinct(StringComparer.Ordinal)];
                    break;
                case CorrectableField.Phone:
                    var oldPhone = PhoneNumberForms.ToE164(oldValue ?? "", region);
                    contact.Phones = [.. contact.Phones.Select(p => oldPhone is not null && PhoneNumberForms.ToE164(p, region) == oldPhone ? value : p).OfType<string>().Distinct(StringComparer.Ordinal)];
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(field));
            }

            if (Snapshot(contact) != before)
            {
                await writer.DeriveAsync(contact, cancellationToken);
                changed++;
            }
        }

        audit.Record(AuditActions.PrivacyPersonCorrected, request.Reference, $"{field}: {changed} of {contacts.Count} contacts ({Ids(contacts.Select(c => c.Id))})");
        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    public async Task<int> StopUseAsync(PrivacyRequest request, IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = contactIds.ToList();
        var contacts = await db.Contacts.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        foreach (var contact in contacts)
        {
            contact.UseStopped = true;
        }

        audit.Record(AuditActions.PrivacyPersonUseStopped, request.Reference, $"{contacts.Count} contacts ({Ids(contacts.Select(c => c.Id))})");
        await db.SaveChangesAsync(cancellationToken);
        return contacts.Count;
    }

    /// <summary>
    /// Deletes every copy with its interactions, clears what introductions say about the person (their history and
    /// outcomes stay for the colleagues' reports), and adds the person's emails and phones to the suppression list.
    /// </summary>
    public async Task<int> EraseAsync(PrivacyRequest request, IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = contactIds.ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var contacts = await db.Contacts.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var found = contacts.Select(c => c.Id).ToList();
        await suppressions.AddAsync(
            contacts.SelectMany(c => c.Emails).Append(request.PersonEmail ?? ""),
            contacts.SelectMany(c => c.Phones).Append(request.PersonPhone ?? ""),
            request.Id, cancellationToken);
        var introductions = await db.IntroductionRequests.Where(r => r.ContactId != null && found.Contains(r.ContactId.Value))
            .Select(r => r.Id).ToListAsync(cancellationToken);
        await db.IntroductionRequests.Where(r => introductions.Contains(r.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.TargetSummary, "")
            .SetProperty(r => r.PersonKey, (string?)null)
            .SetProperty(r => r.Reason, "")
            .SetProperty(r => r.DeclineReason, (string?)null), cancellationToken);
        await db.IntroductionEvents.Where(e => introductions.Contains(e.RequestId) && e.Text != null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Text, (string?)null), cancellationToken);
        await db.ContactMerges.Where(m => found.Contains(m.SurvivorId) || found.Contains(m.AbsorbedId)).ExecuteDeleteAsync(cancellationToken);
        await db.Contacts.Where(c => c.IntroducedByContactId != null && found.Contains(c.IntroducedByContactId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.IntroducedByContactId, (Guid?)null), cancellationToken);
        db.Contacts.RemoveRange(contacts);
        audit.Record(AuditActions.PrivacyPersonErased, request.Reference,
            $"{contacts.Count} contacts ({Ids(found)}), {introductions.Count} introductions cleared");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return contacts.Count;
    }

    private static string Snapshot(Core.Features.Contacts.Contact c) =>
        string.Join('\u001f', c.FamilyName, c.GivenName, c.FamilyNameKana, c.GivenNameKana, c.CompanyName, c.Department, c.Title, c.Address,
            string.Join(';', c.Emails), string.Join(';', c.Phones));

    private static string Ids(IEnumerable<Guid> ids) => string.Join(", ", ids);
}
