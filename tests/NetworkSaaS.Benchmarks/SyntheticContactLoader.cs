using System.Diagnostics;
using System.Threading.Channels;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Seeds.Synthetic;
using NetworkSaaS.Web.Features.Contacts;
using Npgsql;
using NpgsqlTypes;

namespace NetworkSaaS.Benchmarks;

/// <summary>
/// Writes the generator's organizations and contacts with binary COPY, deriving every stored field exactly as
/// <see cref="ContactWriter"/> and <see cref="OrganizationDirectory"/> do (same helpers), so search and sorting behave
/// as on real data. Runs as the superuser of the benchmark's own cluster (row-level security does not apply to it;
/// tenant_id is still written on every row), with the contacts' secondary indexes dropped during the load and rebuilt
/// afterwards from their own definitions, foreign keys checked once by query instead of per row, then VACUUM ANALYZE.
/// </summary>
internal sealed record SyntheticTenantData(ITenantInfo Tenant, SyntheticNetworkGenerator Generator, IReadOnlyList<Guid> OwnerIds, IReadOnlyList<SyntheticOrganization> Organizations);

internal sealed class SyntheticContactLoader(string superUserConnectionString)
{
    private static readonly string[] OrganizationColumns = ["tenant_id", "id", "name", "normalized_name", "domain", "industry", "created_at"];

    private static readonly string[] ContactColumns =
    [
        "tenant_id", "id", "owner_id", "family_name", "given_name", "family_name_kana", "given_name_kana", "display_name", "sort_key",
        "organization_id", "company_name", "department", "title", "emails", "phones", "phones_e164", "urls", "address", "tags", "expertise",
        "notes", "channel", "met_on", "met_at", "introduced_by_user_id", "introduced_by_contact_id", "depth", "open_to", "visibility",
        "last_contacted_on", "cadence_days", "next_touch_on", "snoozed_until", "v_card_uid", "search_text", "created_at", "updated_at",
        "review_pending", "use_stopped",
    ];

    /// <summary>Loads every tenant's organizations and contacts in one session: indexes are dropped and rebuilt once.</summary>
    public async Task LoadAsync(IReadOnlyList<SyntheticTenantData> tenants, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(superUserConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "SET session_replication_role = replica; SET maintenance_work_mem = '512MB';", cancellationToken);
        await CheckColumnsAsync(connection, "organizations", OrganizationColumns, cancellationToken);
        await CheckColumnsAsync(connection, "contacts", ContactColumns, cancellationToken);

        var indexes = await ReadIndexesAsync(connection, cancellationToken);
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX {name};", cancellationToken);
        }

        var watch = Stopwatch.StartNew();
        long organizationCount = 0, contactCount = 0;
        foreach (var data in tenants)
        {
            var rows = new TenantRows(data);
            organizationCount += await rows.WriteOrganizationsAsync(connection, cancellationToken);
            contactCount += await rows.WriteContactsAsync(connection, cancellationToken);
        }

        Console.WriteLine($"  {tenants.Count:N0} tenant(s): {organizationCount:N0} organizations, {contactCount:N0} contacts in {watch.Elapsed.TotalSeconds:0.0} s ({contactCount / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0} rows/s, derived fields included)");

        watch.Restart();
        foreach (var (_, definition) in indexes)
        {
            await ExecuteAsync(connection, definition + ";", cancellationToken);
        }

        Console.WriteLine($"  {indexes.Count} contact indexes rebuilt in {watch.Elapsed.TotalSeconds:0.0} s");
        await ExecuteAsync(connection, "SET session_replication_role = DEFAULT;", cancellationToken);
        await CheckForeignKeysAsync(connection, cancellationToken);

        // COPY ran without triggers, so the discovery index is filled in bulk with the migration's own statements.
        watch.Restart();
        var discoveryIndexes = (await ReadIndexesAsync(connection, cancellationToken, "discovery_terms"))
            .Concat(await ReadIndexesAsync(connection, cancellationToken, "discovery_person_keys")).ToList();
        foreach (var (name, _) in discoveryIndexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX {name};", cancellationToken);
        }

        await ExecuteAsync(connection, Migrations.DiscoveryIndex.RebuildStatements, cancellationToken);
        await ExecuteAsync(connection, Migrations.OrganizationSearch.RebuildStatements, cancellationToken);
        foreach (var (_, definition) in discoveryIndexes)
        {
            await ExecuteAsync(connection, definition + ";", cancellationToken);
        }

        Console.WriteLine($"  discovery index built in {watch.Elapsed.TotalSeconds:0.0} s");

        watch.Restart();
        await ExecuteAsync(connection, "VACUUM (ANALYZE);", cancellationToken);
        Console.WriteLine($"  VACUUM ANALYZE in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>One tenant's rows, derived as the app derives them (phone region from the tenant, organizations by normalized name).</summary>
    private sealed class TenantRows(SyntheticTenantData data)
    {
        private readonly string _region = PhoneNumberForms.RegionOf(data.Tenant);
        private readonly Dictionary<string, Guid?> _organizationOfCompany = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Guid> _organizationByNormalizedName = new(StringComparer.Ordinal);

        public async Task<int> WriteOrganizationsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            var random = new Random(data.Generator.Options.Seed + 10);
            var createdAt = new DateTimeOffset(data.Generator.Options.Today.AddYears(-10).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            await using var writer = await connection.BeginBinaryImportAsync(
                $"COPY organizations ({string.Join(", ", OrganizationColumns)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var organization in data.Organizations)
            {
                // OrganizationDirectory: one organization per normalized name, the first spelling wins.
                var normalized = OrganizationNames.Normalize(organization.Name);
                if (_organizationByNormalizedName.ContainsKey(normalized))
                {
                    continue;
                }

                var id = SyntheticIds.Version7(createdAt, random);
                _organizationByNormalizedName[normalized] = id;
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(data.Tenant.Id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(organization.Name.Trim(), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(normalized, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(organization.Domain, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(organization.Industry, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(createdAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
            return _organizationByNormalizedName.Count;
        }

        public async Task<long> WriteContactsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            // Generating and deriving (names, phones, organization) on one core while the other writes and PostgreSQL ingests.
            var batches = Channel.CreateBounded<Contact[]>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
            var producer = Task.Run(async () =>
            {
                try
                {
                    foreach (var chunk in data.Generator.Contacts(data.Tenant.Id, data.OwnerIds, data.Organizations).Chunk(2_000))
                    {
                        foreach (var contact in chunk)
                        {
                            Derive(contact);
                        }

                        await batches.Writer.WriteAsync(chunk, cancellationToken);
                    }

                    batches.Writer.Complete();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    batches.Writer.Complete(e);
                    throw;
                }
            }, cancellationToken);

            long count = 0;
            var progress = Stopwatch.StartNew();
            await using (var writer = await connection.BeginBinaryImportAsync(
                             $"COPY contacts ({string.Join(", ", ContactColumns)}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                await foreach (var chunk in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    foreach (var contact in chunk)
                    {
                        await WriteContactAsync(writer, contact, cancellationToken);
                    }

                    count += chunk.Length;
                    if (progress.Elapsed > TimeSpan.FromSeconds(15))
                    {
                        Console.WriteLine($"    … {count:N0} contacts");
                        progress.Restart();
                    }
                }

                await writer.CompleteAsync(cancellationToken);
            }

            await producer;
            return count;
        }

        /// <summary>What <see cref="ContactWriter.ApplyAsync"/> and <see cref="ContactWriter.DeriveAsync"/> store, from the same helpers.</summary>
        private void Derive(Contact contact)
        {
            contact.Emails = [.. contact.Emails.Select(e => e.ToLowerInvariant())];
            contact.DisplayName = ContactNames.Display(contact.FamilyName, contact.GivenName);
            contact.SortKey = ContactNames.SortKey(contact.FamilyName, contact.GivenName, contact.FamilyNameKana, contact.GivenNameKana);
            contact.PhonesE164 = [.. contact.Phones.Select(p => PhoneNumberForms.ToE164(p, _region)).OfType<string>().Distinct()];
            contact.OrganizationId = OrganizationOf(contact.CompanyName);
            contact.NextTouchOn = StayInTouch.NextTouch(contact, data.Generator.Options.Today);
            contact.SearchText = ContactNames.SearchForm(string.Join(' ', new[]
            {
                contact.FamilyName, contact.GivenName, contact.FamilyNameKana, contact.GivenNameKana, contact.CompanyName,
                contact.Department, contact.Title, contact.Notes, contact.MetAt,
            }.Concat(contact.Tags).Concat(contact.Expertise).Concat(contact.Emails).Where(s => !string.IsNullOrEmpty(s))));
        }

        private Guid? OrganizationOf(string? companyName)
        {
            if (string.IsNullOrWhiteSpace(companyName))
            {
                return null;
            }

            if (!_organizationOfCompany.TryGetValue(companyName, out var id))
            {
                id = _organizationByNormalizedName.TryGetValue(OrganizationNames.Normalize(companyName), out var found)
                    ? found
                    : throw new InvalidOperationException($"The generator used a company that is not among its organizations: {companyName}");
                _organizationOfCompany[companyName] = id;
            }

            return id;
        }
    }

    private static async Task WriteContactAsync(NpgsqlBinaryImporter writer, Contact c, CancellationToken cancellationToken)
    {
        await writer.StartRowAsync(cancellationToken);
        await writer.WriteAsync(c.TenantId, NpgsqlDbType.Uuid, cancellationToken);
        await writer.WriteAsync(c.Id, NpgsqlDbType.Uuid, cancellationToken);
        await writer.WriteAsync(c.OwnerId, NpgsqlDbType.Uuid, cancellationToken);
        await TextAsync(writer, c.FamilyName, cancellationToken);
        await TextAsync(writer, c.GivenName, cancellationToken);
        await TextAsync(writer, c.FamilyNameKana, cancellationToken);
        await TextAsync(writer, c.GivenNameKana, cancellationToken);
        await TextAsync(writer, c.DisplayName, cancellationToken);
        await TextAsync(writer, c.SortKey, cancellationToken);
        await UuidAsync(writer, c.OrganizationId, cancellationToken);
        await TextAsync(writer, c.CompanyName, cancellationToken);
        await TextAsync(writer, c.Department, cancellationToken);
        await TextAsync(writer, c.Title, cancellationToken);
        await TextArrayAsync(writer, c.Emails, cancellationToken);
        await TextArrayAsync(writer, c.Phones, cancellationToken);
        await TextArrayAsync(writer, c.PhonesE164, cancellationToken);
        await TextArrayAsync(writer, c.Urls, cancellationToken);
        await TextAsync(writer, c.Address, cancellationToken);
        await TextArrayAsync(writer, c.Tags, cancellationToken);
        await TextArrayAsync(writer, c.Expertise, cancellationToken);
        await TextAsync(writer, c.Notes, cancellationToken);
        await writer.WriteAsync((int)c.Channel, NpgsqlDbType.Integer, cancellationToken);
        await DateAsync(writer, c.MetOn, cancellationToken);
        await TextAsync(writer, c.MetAt, cancellationToken);
        await UuidAsync(writer, c.IntroducedByUserId, cancellationToken);
        await UuidAsync(writer, c.IntroducedByContactId, cancellationToken);
        await writer.WriteAsync(c.Depth, NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync((int)c.OpenTo, NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync((int)c.Visibility, NpgsqlDbType.Integer, cancellationToken);
        await DateAsync(writer, c.LastContactedOn, cancellationToken);
        if (c.CadenceDays is { } cadence)
        {
            await writer.WriteAsync(cadence, NpgsqlDbType.Integer, cancellationToken);
        }
        else
        {
            await writer.WriteNullAsync(cancellationToken);
        }

        await DateAsync(writer, c.NextTouchOn, cancellationToken);
        await DateAsync(writer, c.SnoozedUntil, cancellationToken);
        await TextAsync(writer, c.VCardUid, cancellationToken);
        await TextAsync(writer, c.SearchText, cancellationToken);
        await writer.WriteAsync(c.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await writer.WriteAsync(c.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await writer.WriteAsync(c.ReviewPending, NpgsqlDbType.Boolean, cancellationToken);
        await writer.WriteAsync(c.UseStopped, NpgsqlDbType.Boolean, cancellationToken);
    }

    private static Task TextAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static Task TextArrayAsync(NpgsqlBinaryImporter writer, List<string> values, CancellationToken cancellationToken) =>
        writer.WriteAsync(values, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);

    private static Task UuidAsync(NpgsqlBinaryImporter writer, Guid? value, CancellationToken cancellationToken) =>
        value is { } id ? writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken) : writer.WriteNullAsync(cancellationToken);

    private static Task DateAsync(NpgsqlBinaryImporter writer, DateOnly? value, CancellationToken cancellationToken) =>
        value is { } day ? writer.WriteAsync(day, NpgsqlDbType.Date, cancellationToken) : writer.WriteNullAsync(cancellationToken);

    /// <summary>Every column must be written: a column added to the table later makes the loader fail instead of leaving it default.</summary>
    private static async Task CheckColumnsAsync(NpgsqlConnection connection, string table, IReadOnlyCollection<string> written, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        var columns = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add(reader.GetString(0));
            }
        }

        var missing = columns.Except(written, StringComparer.Ordinal).ToList();
        var unknown = written.Except(columns, StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The synthetic loader is out of date for table {table}: not written [{string.Join(", ", missing)}], no such column [{string.Join(", ", unknown)}].");
        }
    }

    private static async Task<List<(string Name, string Definition)>> ReadIndexesAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken, string table = "contacts")
    {
        await using var command = new NpgsqlCommand("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = 'public' AND i.tablename = @table
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            ORDER BY i.indexname
            """, connection);
        command.Parameters.AddWithValue("table", table);
        var indexes = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    /// <summary>The foreign keys COPY skipped (session_replication_role = replica), checked in one pass each.</summary>
    private static async Task CheckForeignKeysAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT
              (SELECT count(*) FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = c.tenant_id AND u.id = c.owner_id)),
              (SELECT count(*) FROM contacts c WHERE c.organization_id IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.tenant_id = c.tenant_id AND o.id = c.organization_id)),
              (SELECT count(*) FROM contacts c WHERE c.introduced_by_user_id IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = c.tenant_id AND u.id = c.introduced_by_user_id)),
              (SELECT count(*) FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM tenants t WHERE t.id = c.tenant_id)),
              (SELECT count(*) FROM organizations o WHERE NOT EXISTS (SELECT 1 FROM tenants t WHERE t.id = o.tenant_id))
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (reader.GetInt64(i) != 0)
            {
                throw new InvalidOperationException($"The synthetic data breaks a foreign key (check {i}: {reader.GetInt64(i)} rows).");
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
