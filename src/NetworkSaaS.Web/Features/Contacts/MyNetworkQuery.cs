using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace NetworkSaaS.Web.Features.Contacts;

public enum NetworkSort
{
    Name,
    RecentlyContacted,
    NextTouch,
    Depth,
    Added,
}

/// <summary>Filters of the "My network" list; all of them live in the URL.</summary>
public sealed class NetworkFilter
{
    public string? Q { get; set; }
    public MeetingChannel? Channel { get; set; }
    public int? Depth { get; set; }
    public bool Overdue { get; set; }
    public string? Tag { get; set; }
    public Guid? Company { get; set; }
    public NetworkSort Sort { get; set; } = NetworkSort.Name;

    /// <summary>Set from <see cref="Paging.PageLinks.Number"/>: model binding would read the Razor Pages route value "page".</summary>
    [BindNever]
    public int Page { get; set; } = 1;
}

public sealed record NetworkRow(
    Guid Id, string DisplayName, string? CompanyName, Guid? OrganizationId, string? Title, int Depth, MeetingChannel Channel,
    ContactVisibility Visibility, DateOnly? LastContactedOn, DateOnly? NextTouchOn, IReadOnlyList<string> Tags);

public sealed record NetworkPage(IReadOnlyList<NetworkRow> Rows, int Total, int OverdueTotal, int Page, int PageCount);

/// <summary>
/// "My network": one owner's contacts searched (names, kana, company, tags, notes…), filtered, sorted, counted and paged.
/// They are searched in memory (<see cref="NetworkSnapshot"/>), not in SQL: under row-level security no index can narrow
/// a substring search (LIKE and strpos are not leakproof), so PostgreSQL had to test every contact of the owner on each
/// request. Each request checks the owner's row of contact_owner_versions, which a trigger raises in the same
/// transaction as any write to their contacts: the same version means the copy in memory is what the table holds;
/// another one (or none in memory) loads the owner's contacts again, with the version, in one statement. Tenant isolation
/// is unchanged: both statements run as the app role under the same policies, and copies are kept per tenant and owner.
/// </summary>
public sealed class MyNetworkQuery(AppDbContext db, NetworkSnapshotCache cache)
{
    private const string VersionSql = "SELECT version FROM contact_owner_versions WHERE tenant_id = $1 AND owner_id = $2";

    /// <summary>The version and the contacts in one statement, so in one snapshot of the database; one row even with no contact.</summary>
    private const string LoadSql = $"""
        SELECT coalesce(({VersionSql}), 0),
               c.id, c.display_name, c.company_name, c.organization_id, c.title, c.depth, c.channel, c.visibility,
               c.last_contacted_on, c.next_touch_on, c.tags, c.search_text, c.created_at
        FROM (SELECT) AS one LEFT JOIN contacts c ON c.tenant_id = $1 AND c.owner_id = $2
        ORDER BY c.sort_key, c.id
        """;

    public async Task<NetworkPage> RunAsync(Guid ownerId, NetworkFilter filter, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var snapshot = await CurrentSnapshotAsync(ownerId, cancellationToken);
        return snapshot.Query(filter, today);
    }

    public async Task<IReadOnlyList<Guid>> MatchingIdsAsync(Guid ownerId, NetworkFilter filter, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var snapshot = await CurrentSnapshotAsync(ownerId, cancellationToken);
        return snapshot.MatchingIds(filter, today);
    }

    private async Task<NetworkSnapshot> CurrentSnapshotAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId;
        var kept = cache.Find(tenantId, ownerId);
        if (kept is not null && await VersionAsync(tenantId, ownerId, cancellationToken) == kept.Version)
        {
            return kept;
        }

        MyNetworkMetrics.Loaded(changed: kept is not null);
        var loaded = await LoadAsync(tenantId, ownerId, cancellationToken);
        cache.Keep(tenantId, ownerId, loaded);
        return loaded;
    }

    private async Task<long> VersionAsync(Guid tenantId, Guid ownerId, CancellationToken cancellationToken) =>
        (await db.ReadAsync(VersionSql, [TenantReads.Value(tenantId), TenantReads.Value(ownerId)], r => r.GetInt64(0), cancellationToken)).SingleOrDefault();

    private async Task<NetworkSnapshot> LoadAsync(Guid tenantId, Guid ownerId, CancellationToken cancellationToken)
    {
        // A raw Npgsql command does not pass EF's command interceptor: the transaction's start sets the tenant for it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(LoadSql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction())
        {
            Parameters = { TenantReads.Value(tenantId), TenantReads.Value(ownerId) },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long version = 0;
        var entries = new List<NetworkEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            version = reader.GetInt64(0);
            if (reader.IsDBNull(1))
            {
                continue; // the one row of an owner without contacts
            }

            var row = new NetworkRow(
                reader.GetGuid(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetGuid(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetInt32(6),
                (MeetingChannel)reader.GetInt32(7),
                (ContactVisibility)reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateOnly>(10),
                reader.GetFieldValue<string[]>(11));
            entries.Add(new NetworkEntry(row, reader.GetString(12), reader.GetFieldValue<DateTimeOffset>(13)));
        }

        return new NetworkSnapshot(version, [.. entries]);
    }

}
