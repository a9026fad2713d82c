using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Seeds.Synthetic;
using NetworkSaaS.Web.Features.Contacts.Interchange;
using Npgsql;
using V = NetworkSaaS.Seeds.Synthetic.SyntheticVocabulary;

namespace NetworkSaaS.Benchmarks;

/// <param name="UploadPreviewSeconds">The import page, the file's upload (multipart POST) and the preview page it leads to.</param>
/// <param name="StartSeconds">The preview's "Import" POST (it queues the Hangfire job).</param>
/// <param name="QueueSeconds">From the job's creation until a worker began it (Hangfire's latency).</param>
/// <param name="JobSeconds">The job itself (Hangfire's performance duration).</param>
/// <param name="ShownSeconds">The rest: until the import's page, refreshing itself every 2 s, showed it finished.</param>
internal sealed record ImportResult(
    int Rows, int Created, int Updated, double TotalSeconds, double UploadPreviewSeconds, double StartSeconds, double QueueSeconds, double JobSeconds,
    double ShownSeconds, double ParseSeconds)
{
    public double Ratio => TotalSeconds / ParseSeconds;
}

/// <summary>
/// A LinkedIn Connections.csv as LinkedIn exports it (BOM, Notes preamble, blank line, header), imported by a signed-in
/// employee through the pages, as a user does it: the import page, the upload (multipart POST with its antiforgery
/// token), the preview, "Import" (which queues the job), a Hangfire server of the worker role picking the job up, and
/// the import's page (which refreshes itself every <see cref="PageRefresh"/>) until it shows the import finished. Its
/// yardstick: a bare parse of the same file, measured in the same run.
/// </summary>
internal static partial class ImportBenchmark
{
    /// <summary>The import's page refreshes itself this often while the import runs (meta refresh).</summary>
    public static readonly TimeSpan PageRefresh = TimeSpan.FromSeconds(2);

    [GeneratedRegex("^/[^/]+/contacts/import/([0-9a-f-]{36})$")]
    private static partial Regex BatchPath();

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

    /// <summary>
    /// Imports <paramref name="file"/> as the employee signed in on <paramref name="client"/>; the job runs on the
    /// Hangfire server of <paramref name="worker"/> (the worker role, idle: see <see cref="WaitUntilIdleAsync"/>).
    /// </summary>
    public static async Task<ImportResult> RunAsync(
        HttpClient client, string slug, BenchmarkApp worker, string superUserConnectionString, byte[] file, CancellationToken cancellationToken)
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

        var indexPath = $"/{slug}/contacts/import";
        var total = Stopwatch.StartNew();
        var index = await client.GetStringAsync(new Uri(indexPath, UriKind.Relative), cancellationToken);
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(LoadRunner.FormToken(index, indexPath)), "__RequestVerificationToken" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        upload.Add(content, "file", fileName);
        var batchPath = await PostAsync(client, indexPath, upload, cancellationToken);
        var batchId = BatchPath().Match(batchPath) is { Success: true } m
            ? Guid.Parse(m.Groups[1].Value)
            : throw new InvalidOperationException($"The upload led to {batchPath}.");
        var preview = await client.GetStringAsync(new Uri(batchPath, UriKind.Relative), cancellationToken);
        if (!preview.Contains("id=\"import-plan\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{batchPath} shows no preview.");
        }

        var uploadPreview = total.Elapsed.TotalSeconds;
        using (var start = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = LoadRunner.FormToken(preview, batchPath) }))
        {
            await PostAsync(client, $"{batchPath}?handler=Start", start, cancellationToken);
        }

        var started = total.Elapsed.TotalSeconds;
        while (true)
        {
            var page = await client.GetStringAsync(new Uri(batchPath, UriKind.Relative), cancellationToken);
            if (page.Contains("id=\"import-result\"", StringComparison.Ordinal))
            {
                break;
            }

            if (page.Contains("id=\"import-failed\"", StringComparison.Ordinal) || total.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new InvalidOperationException($"The import {batchId} failed or did not finish in 10 minutes.");
            }

            await Task.Delay(PageRefresh, cancellationToken);
        }

        var totalSeconds = total.Elapsed.TotalSeconds;
        var (queue, job) = JobTimes(worker, batchId);
        var (rows, created, updated) = await CountsAsync(superUserConnectionString, batchId, cancellationToken);
        if (created + updated != rows)
        {
            throw new InvalidOperationException($"The import ended with {created} created and {updated} updated of {rows}.");
        }

        return new ImportResult(rows, created, updated, totalSeconds, uploadPreview, started - uploadPreview, queue, job,
            totalSeconds - started - queue - job, parseSeconds.Order().ElementAt(1));
    }

    /// <summary>
    /// Waits until the worker's Hangfire server has nothing enqueued or running for 2 s in a row: a worker that has just
    /// started runs the recurring jobs that came due while none ran (with a kept --data database, e.g. the digests), and
    /// those are not the import's time. Returns the seconds waited.
    /// </summary>
    public static async Task<double> WaitUntilIdleAsync(BenchmarkApp worker, CancellationToken cancellationToken)
    {
        var monitoring = worker.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var watch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        TimeSpan? idleSince = null;
        while (watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            var busy = monitoring.Queues().Sum(q => q.Length) + monitoring.ProcessingCount() > 0;
            idleSince = busy ? null : idleSince ?? watch.Elapsed;
            if (idleSince is { } since && watch.Elapsed - since >= TimeSpan.FromSeconds(2))
            {
                break;
            }

            await Task.Delay(250, cancellationToken);
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<string> PostAsync(HttpClient client, string path, HttpContent form, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), form, cancellationToken);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
            ? location.OriginalString
            : throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}, not a redirect.");
    }

    /// <summary>Hangfire's own figures of the import's job: latency (queued until begun) and performance duration.</summary>
    private static (double QueueSeconds, double JobSeconds) JobTimes(BenchmarkApp worker, Guid batchId)
    {
        var monitoring = worker.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var job = monitoring.SucceededJobs(0, 100).FirstOrDefault(j => j.Value.Job?.Args.Count > 1 && Equals(j.Value.Job.Args[1], batchId));
        if (job.Key is null)
        {
            throw new InvalidOperationException($"No succeeded Hangfire job for the import {batchId}.");
        }

        var succeeded = monitoring.JobDetails(job.Key).History.First(h => h.StateName == "Succeeded").Data;
        return (Milliseconds(succeeded, "Latency") / 1000, Milliseconds(succeeded, "PerformanceDuration") / 1000);

        static double Milliseconds(IDictionary<string, string> data, string key) =>
            double.Parse(data[key], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static async Task<(int Rows, int Created, int Updated)> CountsAsync(string superUserConnectionString, Guid batchId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(superUserConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT total_rows, created, updated FROM import_batches WHERE id = $1", connection)
        {
            Parameters = { new() { Value = batchId } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2))
            : throw new InvalidOperationException($"No import batch {batchId}.");
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
