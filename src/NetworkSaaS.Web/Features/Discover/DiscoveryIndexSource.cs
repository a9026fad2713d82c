using System.Data;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Web.Features.Contacts;
using Npgsql;

namespace NetworkSaaS.Web.Features.Discover;

/// <summary>
/// Hands out the current tenant's <see cref="DiscoveryIndex"/>, never stale: each request asks contact_owner_versions,
/// in one indexed statement, which owners changed in transactions the index's last check could not see (changed_xid at
/// or after that check's snapshot xmin, see the DiscoveryChangeFeed migration), and reloads only those owners — their
/// findable contacts, terms, person keys and interactions, and those contacts' organizations — in one REPEATABLE READ transaction. The tenant's own row (the
/// empty owner id) stands for colleagues' details (expertise among them) and department names: it reloads the colleagues. The same statement
/// tokenizes the search text (keywords, industry, company name) with discovery_tokens, so tokenization stays PostgreSQL's
/// and the organization and colleague matches of the request need no tokenizing statement of their own. A first load reads the whole
/// tenant in one snapshot. Every statement runs as the app role under the tenant's policies.
/// </summary>
public sealed partial class DiscoveryIndexSource(AppDbContext db, DiscoveryIndexCache cache, ILogger<DiscoveryIndexSource> logger)
{
    /// <summary>
    /// The snapshot's xmin, the owners changed in transactions the last check could not see, and the search text's
    /// terms: keywords ($3), industry ($4), company name ($5) and the trigrams of the folded name for the typo fallback ($6).
    /// </summary>
    private const string FreshnessSql = """
        SELECT 0, NULL::uuid, pg_snapshot_xmin(pg_current_snapshot())::text::bigint, NULL::text
        UNION ALL
        SELECT 1, v.owner_id, v.version, NULL FROM contact_owner_versions AS v
        WHERE v.tenant_id = $1 AND v.changed_xid >= ($2)::bigint::text::xid8
        UNION ALL
        SELECT 2, NULL, 0, k.t FROM (SELECT t FROM discovery_tokens($3) AS t LIMIT 12) AS k
        UNION ALL
        SELECT 3, NULL, 0, 'industry:' || discovery_fold($4) WHERE $4 <> ''
        UNION ALL
        SELECT 4, NULL, 0, c.t FROM discovery_tokens($5) AS c(t)
        UNION ALL
        SELECT 5, NULL, 0, g.t FROM unnest(show_trgm(discovery_fold($6))) AS g(t) WHERE $6 <> ''
        """;

    /// <summary>The index of this scope's tenant, once checked in this scope (a request).</summary>
    private DiscoveryIndex? checkedIndex;

    /// <summary>The search text tokenized in this scope, so the organization and colleague matches reuse its terms.</summary>
    private DiscoveryTerms? tokenized;

    public async Task<(DiscoveryIndex Index, DiscoveryTerms Terms)> CurrentAsync(DiscoveryText text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tenant = db.CurrentTenantId;
        var index = await cache.GetOrLoadAsync(tenant, LoadTenantAsync, cancellationToken);
        var xmin = index.SnapshotXmin;
        var rows = await db.ReadAsync(FreshnessSql,
            [TenantReads.Value(tenant), TenantReads.Value(xmin), TenantReads.Value(text.Keywords), TenantReads.Value(text.Industry),
             TenantReads.Value(text.Company), TenantReads.Value(text.SimilarName)],
            r => new FreshnessRow(r.GetInt32(0), r.IsDBNull(1) ? null : r.GetGuid(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3)),
            cancellationToken);
        var snapshotXmin = rows.Single(r => r.Kind == 0).Number;
        var versions = rows.Where(r => r.Kind == 1).Select(r => (r.Owner!.Value, r.Number)).ToList();
        var (owners, tenantChanged) = index.Stale(versions);
        if (owners.Count > 0 || tenantChanged)
        {
            await index.Refreshing.WaitAsync(cancellationToken);
            try
            {
                // Another request may have applied these changes (or newer ones) while this one waited.
                (owners, tenantChanged) = index.Stale(versions);
                if (owners.Count > 0 || tenantChanged)
                {
                    index.Apply(await LoadAsync(tenant, owners, tenantChanged, cancellationToken));
                }

                index.Checked(snapshotXmin);
            }
            finally
            {
                index.Refreshing.Release();
            }
        }
        else
        {
            index.Checked(snapshotXmin);
        }
        checkedIndex = index;
        string[] TermsOf(int kind) => [.. rows.Where(r => r.Kind == kind).Select(r => r.Term!)];
        tokenized = new DiscoveryTerms(text, TermsOf(2), TermsOf(3).SingleOrDefault(), TermsOf(4), TermsOf(5));
        return (index, tokenized);
    }

    /// <summary>The index as checked earlier in this scope, or checked now.</summary>
    public async Task<DiscoveryIndex> CheckedAsync(CancellationToken cancellationToken) =>
        checkedIndex is { } index && index.TenantId == db.CurrentTenantId ? index : (await CurrentAsync(DiscoveryText.None, cancellationToken)).Index;

    /// <summary>The terms of the keywords, as tokenized earlier in this scope or now.</summary>
    public async Task<IReadOnlyList<string>> KeywordTermsAsync(string keywords, CancellationToken cancellationToken) =>
        tokenized is { } terms && terms.Text.Keywords == keywords ? terms.Keywords
            : (await CurrentAsync(DiscoveryText.None with { Keywords = keywords }, cancellationToken)).Terms.Keywords;

    /// <summary>The terms and trigrams of a company name, as tokenized earlier in this scope or now.</summary>
    public async Task<DiscoveryTerms> CompanyTermsAsync(DiscoveryText company, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(company);
        return tokenized is { } terms && terms.Text.Company == company.Company && terms.Text.SimilarName == company.SimilarName ? terms
            : (await CurrentAsync(DiscoveryText.None with { Company = company.Company, SimilarName = company.SimilarName }, cancellationToken)).Terms;
    }

    private async Task<DiscoveryIndex> LoadTenantAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var tenant = db.CurrentTenantId;
        var load = await LoadAsync(tenant, null, true, cancellationToken);
        var index = new DiscoveryIndex(tenant, load);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var bytes = index.EstimatedBytes();
            var perContact = bytes / Math.Max(1, index.ContactCount);
            var milliseconds = watch.ElapsedMilliseconds;
            LogLoaded(logger, tenant, index.ContactCount, milliseconds, bytes, perContact);
        }

        return index;
    }

    /// <summary>
    /// The owners' (or, with <paramref name="owners"/> null, every owner's) versions and findable contacts, and the
    /// colleagues' details (all of them, or those owners'), in one snapshot.
    /// </summary>
    private async Task<IndexLoad> LoadAsync(Guid tenant, List<Guid>? owners, bool allUsers, CancellationToken cancellationToken)
    {
        var ownerFilter = owners is null ? "" : " AND c.owner_id = ANY($2)";
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
            NpgsqlCommand Command(string sql)
            {
                var command = new NpgsqlCommand(sql, connection, npgsqlTransaction);
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenant });
                if (owners is not null)
                {
                    command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. owners] });
                }

                return command;
            }

            var versions = new Dictionary<Guid, long>();
            long tenantVersion = 0;
            long xmin = 0;
            await using (var command = Command($"""
                SELECT NULL::uuid, 0::bigint, pg_snapshot_xmin(pg_current_snapshot())::text::bigint
                UNION ALL
                SELECT v.owner_id, v.version, 0 FROM contact_owner_versions AS v
                WHERE v.tenant_id = $1 {(owners is null ? "" : "AND (v.owner_id = ANY($2) OR v.owner_id = '00000000-0000-0000-0000-000000000000')")}
                """))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (reader.IsDBNull(0))
                    {
                        xmin = reader.GetInt64(2);
                    }
                    else if (reader.GetGuid(0) == Guid.Empty)
                    {
                        tenantVersion = reader.GetInt64(1);
                    }
                    else
                    {
                        versions[reader.GetGuid(0)] = reader.GetInt64(1);
                    }
                }
            }

            var users = new List<OwnerLoad>();
            await using (var command = Command($"""
                SELECT u.id, u.is_active, u.display_name, dep.name, u.email, u.title, u.expertise_tags, u.expertise_terms FROM users AS u
                LEFT JOIN departments AS dep ON dep.tenant_id = u.tenant_id AND dep.id = u.department_id
                WHERE u.tenant_id = $1 {(allUsers ? "" : "AND u.id = ANY($2)")}
                """))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    users.Add(new OwnerLoad(reader.GetGuid(0), reader.GetBoolean(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                        reader.GetFieldValue<string[]>(6), reader.GetFieldValue<string[]>(7)));
                }
            }

            var contacts = new List<ContactLoad>();
            var byId = new Dictionary<Guid, ContactLoad>();
            await using (var command = Command($"""
                SELECT c.id, c.owner_id, c.organization_id, c.visibility, c.depth, c.last_contacted_on, c.open_to, c.display_name, c.title, c.company_name
                FROM contacts AS c
                WHERE c.tenant_id = $1 AND c.visibility <> 0 AND NOT c.use_stopped{ownerFilter}
                """))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var contact = new ContactLoad(reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetInt32(3),
                        reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5), reader.GetInt32(6), reader.GetString(7),
                        reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), [], [], []);
                    contacts.Add(contact);
                    byId[contact.Id] = contact;
                }
            }

            await using (var command = Command($"""
                SELECT d.contact_id, d.term FROM discovery_terms AS d
                WHERE d.tenant_id = $1 {(owners is null ? "" : "AND d.owner_id = ANY($2)")}
                """))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (byId.TryGetValue(reader.GetGuid(0), out var contact))
                    {
                        contact.Terms.Add(reader.GetString(1));
                    }
                }
            }

            // Person keys are matched by equality only: their md5 as a uuid keeps 16 bytes per key instead of the text.
            await using (var command = Command($"""
                SELECT k.contact_id, md5(k.person_key)::uuid FROM discovery_person_keys AS k
                WHERE k.tenant_id = $1 {(owners is null ? "" : "AND k.owner_id = ANY($2)")}
                """))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (byId.TryGetValue(reader.GetGuid(0), out var contact))
                    {
                        contact.PersonKeys.Add(reader.GetGuid(1));
                    }
                }
            }

            await using (var command = Command($"""
                SELECT i.contact_id, i.occurred_on FROM interactions AS i
                JOIN contacts AS c ON c.tenant_id = i.tenant_id AND c.id = i.contact_id
                WHERE i.tenant_id = $1 AND c.visibility <> 0 AND NOT c.use_stopped{ownerFilter}
                """))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (byId.TryGetValue(reader.GetGuid(0), out var contact))
                    {
                        contact.Interactions.Add(reader.GetFieldValue<DateOnly>(1));
                    }
                }
            }

            // The organizations of the loaded contacts with their name terms: a rename raises every owner with a findable
            // contact there (DiscoveryOrganizationsInIndex migration), so their reload brings the new name.
            var organizations = new Dictionary<Guid, OrganizationLoad>();
            var atLoadedContacts = $"""
                SELECT DISTINCT c.organization_id FROM contacts AS c
                WHERE c.tenant_id = $1 AND c.organization_id IS NOT NULL AND c.visibility <> 0 AND NOT c.use_stopped{ownerFilter}
                """;
            await using (var command = Command($"""
                SELECT o.id, o.name, o.normalized_name, show_trgm(o.search_name) FROM organizations AS o
                WHERE o.tenant_id = $1 AND o.id IN ({atLoadedContacts})
                """))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    organizations[reader.GetGuid(0)] = new OrganizationLoad(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), [], reader.GetFieldValue<string[]>(3));
                }
            }

            await using (var command = Command($"""
                SELECT t.organization_id, t.term FROM organization_terms AS t
                WHERE t.tenant_id = $1 AND t.organization_id IN ({atLoadedContacts})
                """))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (organizations.TryGetValue(reader.GetGuid(0), out var organization))
                    {
                        organization.Terms.Add(reader.GetString(1));
                    }
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return new IndexLoad(owners ?? [.. versions.Keys], versions, tenantVersion, xmin, users, contacts, [.. organizations.Values]);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Discovery index of tenant {TenantId} loaded: {Contacts} findable contacts in {Milliseconds} ms, about {Bytes} bytes ({BytesPerContact} per contact).")]
    private static partial void LogLoaded(ILogger logger, Guid tenantId, int contacts, long milliseconds, long bytes, long bytesPerContact);

    private sealed record FreshnessRow(int Kind, Guid? Owner, long Number, string? Term);
}

/// <summary>
/// What a discovery search tokenizes: its keywords (at most 200 characters), industry, company name (legal forms
/// ignored) and, for the typo fallback, the normalized company name when it has at least 3 characters.
/// </summary>
public sealed record DiscoveryText(string Keywords, string Industry, string Company, string SimilarName = "")
{
    public static readonly DiscoveryText None = new("", "", "");

    public static DiscoveryText ForCompany(string? company, string keywords = "", string industry = "")
    {
        if (string.IsNullOrWhiteSpace(company))
        {
            return new DiscoveryText(keywords, industry, "");
        }

        var normalized = OrganizationNames.Normalize(company);
        return new DiscoveryText(keywords, industry, OrganizationNames.WithoutLegalForm(company), normalized.Length < 3 ? "" : normalized);
    }
}

/// <summary>
/// The search text's terms: at most 12 of the keywords, the industry's term, the company name's terms, and the trigrams
/// of its folded name (pg_trgm's show_trgm, for the typo fallback).
/// </summary>
public sealed record DiscoveryTerms(
    DiscoveryText Text, IReadOnlyList<string> Keywords, string? Industry, IReadOnlyList<string> Company, IReadOnlyList<string> CompanyTrigrams);
