using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts.Interchange;
using NetworkSaaS.Web.Features.Privacy;

namespace NetworkSaaS.Web.Features.Contacts.Import;

public sealed record RejectedLine(int Line, RejectReason Reason, string? Detail);

public enum PlannedAction
{
    Create,
    Update,
    MergeWithEarlierRow,
}

public sealed record PlannedRow(ImportedContact Row, PlannedAction Action);

public sealed record ImportPlan(IReadOnlyList<PlannedRow> Rows, int Create, int Update, int Merge);

/// <summary>
/// Turns an uploaded file into contacts of one owner. The file stays in the batch until done, rows are applied in
/// chunks that each commit with the batch's progress counter, so a retried or resumed run continues where it
/// stopped and never creates a contact twice.
/// </summary>
public sealed class ContactImporter(
    AppDbContext db, ContactWriter writer, OrganizationDirectory organizations, SuppressionList suppressions, ITenantContextAccessor tenantContext, TimeProvider clock)
{
    public const int ChunkSize = 500;

    /// <summary>Files up to this many records are imported while the user waits; larger ones by a background job.</summary>
    public const int InlineLimit = 300;

    public static ContactFileParseResult Parse(ImportBatch batch) => ContactFileReader.Read(batch.Content ?? [], batch.FileName);

    public static ImportBatch NewBatch(Guid ownerId, string fileName, byte[] content, ContactFileParseResult parsed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return new ImportBatch
        {
            OwnerId = ownerId,
            FileName = Path.GetFileName(fileName),
            Format = parsed.Format.ToString(),
            EncodingName = parsed.EncodingName,
            Content = content,
            Status = ImportStatus.Previewed,
            TotalRows = parsed.Contacts.Count,
            Rejected = parsed.Rejected.Count,
            RejectedJson = JsonSerializer.Serialize(parsed.Rejected.Select(r => new RejectedLine(r.LineNumber, r.Reason, r.Detail))),
            CreatedAt = now,
        };
    }

    public static IReadOnlyList<RejectedLine> RejectedLines(ImportBatch batch) =>
        JsonSerializer.Deserialize<List<RejectedLine>>(batch.RejectedJson) ?? [];

    /// <summary>
    /// Records the lines of people erased at their request (their email or phone is on the suppression list) as
    /// rejected with their line numbers; the import then skips them. Returns the rows' positions in the file's records.
    /// </summary>
    public async Task<IReadOnlySet<int>> ScreenAsync(ImportBatch batch, IReadOnlyList<ImportedContact> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(rows);
        var suppressed = await suppressions.SuppressedAsync([.. rows.Select(r => ((IEnumerable<string>)r.Emails, (IEnumerable<string>)r.Phones))], cancellationToken);
        var rejected = RejectedLines(batch).ToList();
        var added = suppressed.Select(i => rows[i].LineNumber)
            .Where(line => !rejected.Any(r => r.Line == line && r.Reason == RejectReason.Suppressed))
            .Select(line => new RejectedLine(line, RejectReason.Suppressed, null)).ToList();
        if (added.Count > 0)
        {
            batch.RejectedJson = JsonSerializer.Serialize(rejected.Concat(added).OrderBy(r => r.Line));
            batch.Rejected += added.Count;
        }

        return suppressed;
    }

    /// <summary>What importing would do, without changing anything.</summary>
    public async Task<ImportPlan> PlanAsync(ImportBatch batch, ContactFileParseResult parsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(parsed);
        var index = await ContactMatchIndex.LoadAsync(db, batch.OwnerId, tenantContext.Tenant!, cancellationToken);
        var suppressed = await suppressions.SuppressedAsync([.. parsed.Contacts.Select(r => ((IEnumerable<string>)r.Emails, (IEnumerable<string>)r.Phones))], cancellationToken);
        var newInFile = new HashSet<Guid>();
        var rows = new List<PlannedRow>(parsed.Contacts.Count);
        foreach (var (row, position) in parsed.Contacts.Select((r, i) => (r, i)))
        {
            if (suppressed.Contains(position))
            {
                continue;
            }

            var match = index.Find(row);
            if (match is null)
            {
                var id = Guid.NewGuid();
                newInFile.Add(id);
                index.Add(id, row);
                rows.Add(new PlannedRow(row, PlannedAction.Create));
            }
            else
            {
                rows.Add(new PlannedRow(row, newInFile.Contains(match.Value) ? PlannedAction.MergeWithEarlierRow : PlannedAction.Update));
            }
        }

        return new ImportPlan(rows, rows.Count(r => r.Action == PlannedAction.Create), rows.Count(r => r.Action == PlannedAction.Update), rows.Count(r => r.Action == PlannedAction.MergeWithEarlierRow));
    }

    /// <summary>Imports the batch's remaining rows. <paramref name="batch"/> must be tracked by this context.</summary>
    public async Task RunAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Status == ImportStatus.Completed)
        {
            return;
        }

        var parsed = Parse(batch);
        var tenant = tenantContext.Tenant!;
        // One connection for the whole run, not one from the pool per query.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await ImportRowsAsync(batch, parsed, tenant, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task ImportRowsAsync(ImportBatch batch, ContactFileParseResult parsed, ITenantInfo tenant, CancellationToken cancellationToken)
    {
        var index = await ContactMatchIndex.LoadAsync(db, batch.OwnerId, tenant, cancellationToken);
        var channel = ChannelFor(parsed.Format);
        var defaults = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.Id)
            .Select(t => new { t.ImportedContactVisibility, t.ImportedContactDepth }).SingleAsync(cancellationToken);
        // What this import did to each contact (kept for undo); a resumed run continues the record of the first.
        var recorded = (await db.ImportBatchContacts.Where(r => r.BatchId == batch.Id).Select(r => r.ContactId).ToListAsync(cancellationToken)).ToHashSet();
        batch.Status = ImportStatus.Running;
        await db.SaveChangesAsync(cancellationToken);

        foreach (var chunk in parsed.Contacts.Skip(batch.ProcessedRows).Chunk(ChunkSize))
        {
            // Checked again per chunk: a person erased after the preview is skipped too (and listed with the rejected lines).
            var suppressed = await ScreenAsync(batch, chunk, cancellationToken);
            var matches = chunk.Select((row, i) => suppressed.Contains(i) ? null : index.Find(row)).ToList();
            var ids = matches.OfType<Guid>().Distinct().ToList();
            var existing = await db.Contacts.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            await organizations.PreloadAsync(chunk.Select(r => r.CompanyName), cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                var row = chunk[i];
                if (suppressed.Contains(i))
                {
                    continue;
                }

                if (matches[i] is { } id && existing.TryGetValue(id, out var contact))
                {
                    if (recorded.Add(contact.Id))
                    {
                        db.ImportBatchContacts.Add(new ImportBatchContact
                        {
                            BatchId = batch.Id, ContactId = contact.Id, Action = ImportContactAction.Updated,
                            Before = JsonSerializer.Serialize(ImportedFields.Of(contact)),
                        });
                    }

                    Fill(contact, row);
                    batch.Updated++;
                }
                else
                {
                    contact = new Contact
                    {
                        OwnerId = batch.OwnerId,
                        Channel = channel,
                        Visibility = defaults.ImportedContactVisibility,
                        Depth = defaults.ImportedContactDepth,
                        ReviewPending = true,
                    };
                    Fill(contact, row);
                    db.Contacts.Add(contact);
                    recorded.Add(contact.Id);
                    db.ImportBatchContacts.Add(new ImportBatchContact { BatchId = batch.Id, ContactId = contact.Id, Action = ImportContactAction.Created });
                    existing[contact.Id] = contact;
                    index.Add(contact.Id, row);
                    batch.Created++;
                }

                await writer.DeriveAsync(contact, cancellationToken);
                await organizations.AddFactsAsync(contact.CompanyName, contact.Emails, row.Industry, row.CompanyDomain, cancellationToken);
            }

            batch.ProcessedRows += chunk.Length;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            db.ImportBatches.Attach(batch);
        }

        batch.Status = ImportStatus.Completed;
        batch.Content = null;
        batch.CompletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    private static MeetingChannel ChannelFor(ContactFileFormat format) => format switch
    {
        ContactFileFormat.LinkedIn => MeetingChannel.OnlineCommunity,
        ContactFileFormat.Eight or ContactFileFormat.Sansan => MeetingChannel.ExchangeEvent,
        _ => MeetingChannel.Other,
    };

    /// <summary>Adds what the file knows to the contact without overwriting what the owner already wrote.</summary>
    private static void Fill(Contact contact, ImportedContact row)
    {
        contact.FamilyName ??= row.FamilyName;
        contact.GivenName ??= row.GivenName;
        contact.FamilyNameKana ??= row.FamilyNameKana;
        contact.GivenNameKana ??= row.GivenNameKana;
        contact.CompanyName ??= row.CompanyName;
        contact.Department ??= row.Department;
        contact.Title ??= row.Title;
        contact.Address ??= row.Address;
        contact.Notes ??= row.Notes;
        contact.VCardUid ??= row.VCardUid;
        contact.MetOn ??= row.MetOn;
        contact.Emails = [.. contact.Emails.Concat(row.Emails.Select(e => e.ToLowerInvariant())).Distinct(StringComparer.Ordinal)];
        contact.Phones = [.. contact.Phones.Concat(row.Phones).Distinct(StringComparer.Ordinal)];
        contact.Urls = [.. contact.Urls.Concat(row.Urls).Distinct(StringComparer.Ordinal)];
        contact.Tags = [.. contact.Tags.Concat(row.Tags).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
