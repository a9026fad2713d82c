using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Seeds.Synthetic;
using NetworkSaaS.Web.Features.Contacts.Import;
using NetworkSaaS.Web.Features.Contacts.Interchange;
using Npgsql;
using V = NetworkSaaS.Seeds.Synthetic.SyntheticVocabulary;

namespace NetworkSaaS.Benchmarks;

internal sealed record ImportResult(int Rows, int Created, int Updated, double ImportSeconds, double ParseSeconds)
{
    public double Ratio => ImportSeconds / ParseSeconds;
}

/// <summary>
/// A LinkedIn Connections.csv as LinkedIn exports it (BOM, Notes preamble, blank line, header), imported for one
/// employee the way the product's import job does it: the batch is stored, then <see cref="ContactImporter.RunAsync"/>
/// parses it and applies it in chunks. Its yardstick: a bare parse of the same file, measured in the same run.
/// </summary>
internal static class ImportBenchmark
{
    public static byte[] LinkedInFile(int rows, IReadOnlyList<SyntheticOrganization> organizations, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(rows * 160);
        text.Append("Notes:\r\n");
        text.Append("\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email ")
            .Append("addresses for connections who have allowed their connections to see or download their email address using this setting ")
            .Append("https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261\"\r\n");
        text.Append("\r\n");
        text.Append("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n");
        for (var i = 0; i < rows; i++)
        {
            string first, last;
            if (random.Next(2) == 0)
            {
                first = Capitalize(V.JapaneseGivenNames[random.Next(V.JapaneseGivenNames.Count)].Romaji);
                last = Capitalize(V.JapaneseFamilyNames[random.Next(V.JapaneseFamilyNames.Count)].Romaji);
            }
            else
            {
                first = V.EnglishGivenNames[random.Next(V.EnglishGivenNames.Count)];
                last = V.EnglishFamilyNames[random.Next(V.EnglishFamilyNames.Count)];
            }

            // Most companies are already known to the tenant; some are new to it.
            var company = random.NextDouble() < 0.8 && organizations.Count > 0
                ? organizations[random.Next(organizations.Count)].Name
                : $"{V.EnglishCompanyFirstWords[random.Next(V.EnglishCompanyFirstWords.Count)]} {i:00000} Labs";
            var email = random.NextDouble() < 0.4 ? $"{first}.{last}.{i}@example.com".ToLowerInvariant() : "";
            var position = V.ContactTitles[random.Next(V.ContactTitles.Count)];
            var connectedOn = new DateOnly(2026, 11, 1).AddDays(-random.Next(0, 3650)).ToString("dd MMM yyyy", CultureInfo.InvariantCulture);
            text.Append(Csv(first)).Append(',').Append(Csv(last)).Append(',')
                .Append(Report.F($"https://www.linkedin.com/in/{first}-{last}-{i:x6}").ToLowerInvariant()).Append(',')
                .Append(Csv(email)).Append(',').Append(Csv(company)).Append(',').Append(Csv(position)).Append(',').Append(connectedOn).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static async Task<ImportResult> RunAsync(IServiceProvider services, ITenantInfo tenant, Guid ownerId, byte[] file, CancellationToken cancellationToken)
    {
        const string fileName = "Connections.csv";
        // Not measured: loads the parser's code and the CSV library.
        var expected = ContactFileReader.Read(file, fileName);
        if (expected.Format != ContactFileFormat.LinkedIn || expected.Contacts.Count == 0)
        {
            throw new InvalidOperationException($"The generated file reads as {expected.Format} with {expected.Contacts.Count} contacts.");
        }

        var parseSeconds = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var parse = Stopwatch.StartNew();
            _ = ContactFileReader.Read(file, fileName);
            parseSeconds.Add(parse.Elapsed.TotalSeconds);
        }

        var watch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var parsed = ContactImporter.Parse(new ImportBatch { FileName = fileName, Format = "", EncodingName = "", Content = file });
        var batch = ContactImporter.NewBatch(ownerId, fileName, file, parsed, DateTimeOffset.UtcNow);
        batch.Status = ImportStatus.Queued;
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ContactImporter>().RunAsync(batch, cancellationToken);
        var importSeconds = watch.Elapsed.TotalSeconds;
        if (batch.Status != ImportStatus.Completed || batch.Created + batch.Updated != batch.TotalRows)
        {
            throw new InvalidOperationException($"The import ended {batch.Status}: {batch.Created} created, {batch.Updated} updated of {batch.TotalRows}.");
        }

        return new ImportResult(batch.TotalRows, batch.Created, batch.Updated, importSeconds, parseSeconds.Order().ElementAt(1));
    }

    /// <summary>
    /// Takes the imported rows out again, so a kept database gives the same import next time: the owner's contacts that are
    /// not in <paramref name="keep"/>, the organizations created since <paramref name="since"/> that no contact uses (none
    /// without it: when an interrupted run started is not known), the import batches. Returns how many contacts it deleted.
    /// </summary>
    public static async Task<int> UndoAsync(
        string superUserConnectionString, Guid ownerId, IReadOnlyCollection<Guid> keep, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(superUserConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("DELETE FROM contacts WHERE owner_id = $1 AND NOT (id = ANY($2))") { Parameters = { new() { Value = ownerId }, new() { Value = keep.ToArray() } } },
                new NpgsqlBatchCommand("""
                    DELETE FROM organizations o WHERE o.created_at >= $1
                      AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.tenant_id = o.tenant_id AND c.organization_id = o.id)
                    """) { Parameters = { new NpgsqlParameter<DateTimeOffset?> { TypedValue = since } } },
                new NpgsqlBatchCommand("DELETE FROM import_batches WHERE owner_id = $1") { Parameters = { new() { Value = ownerId } } },
            },
            Timeout = 0,
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var deleted = batch.BatchCommands[0].RecordsAffected;
        if (deleted > 0)
        {
            await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE contacts", connection) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }

        return deleted;
    }

    /// <summary>
    /// The importer's contacts as generated. They are written down in the benchmark's database the first time, so a run
    /// stopped between its import and its undo is undone by the next one: a kept --data database otherwise keeps the
    /// imported rows, and every later run measures one signed-in employee with 10,000 more contacts. In a schema of its own:
    /// the app's grants cover every table of the public schema, and the owner role could not grant on this one.
    /// </summary>
    public static async Task<List<Guid>> GeneratedContactIdsAsync(string superUserConnectionString, Guid ownerId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(superUserConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("CREATE SCHEMA IF NOT EXISTS benchmark"),
                new NpgsqlBatchCommand("CREATE TABLE IF NOT EXISTS benchmark.generated_contacts (owner_id uuid NOT NULL, id uuid NOT NULL, PRIMARY KEY (owner_id, id))"),
                new NpgsqlBatchCommand("""
                    INSERT INTO benchmark.generated_contacts (owner_id, id)
                    SELECT owner_id, id FROM contacts WHERE owner_id = $1 AND NOT EXISTS (SELECT FROM benchmark.generated_contacts WHERE owner_id = $1)
                    """) { Parameters = { new() { Value = ownerId } } },
                new NpgsqlBatchCommand("SELECT id FROM benchmark.generated_contacts WHERE owner_id = $1") { Parameters = { new() { Value = ownerId } } },
            },
        };
        var ids = new List<Guid>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static string Capitalize(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
