using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Seeds.Synthetic;
using NetworkSaaS.Web.Features.Exports;
using NetworkSaaS.Web.Features.Exports.HrReview;
using NetworkSaaS.Web.Features.Hosting;
using Npgsql;

namespace NetworkSaaS.Benchmarks;

internal sealed record ExportFigures(string Name, int Rows, double Seconds, double PeakMegabytes, double StartMegabytes, double AllocatedMegabytes, long Bytes);

/// <summary>
/// The exports benchmark (`run.sh --exports`): a synthetic company whose contacts are all Shared, so HR's company export
/// holds every one of them, plus a year of introductions and interactions for the HR review. Each export runs as the
/// worker runs it (<see cref="ExportJob"/>: claim, streaming query, temp file, commit into the database) and is measured
/// for time and for the peak resident memory of this process (before each run an aggressive GC returns what the GC held
/// and the peak is reset, Linux clear_refs), after an unmeasured warm-up run of each. The
/// yardstick in the same run: a bare OpenXmlWriter loop writing the same number of rows and columns of fixed text.
/// </summary>
internal static class ExportBenchmark
{
    public const double ContactExportTargetSeconds = 3;
    public const double ContactExportTargetMegabytes = 300;
    public const double HrWorkbookTargetSeconds = 10;
    private const int Introductions = 8_000;
    private const int Interactions = 40_000;

    public static async Task<int> RunAsync(BenchmarkOptions options, EmbeddedPostgres postgres, string root, CancellationToken ct)
    {
        Console.WriteLine($"NetworkSaaS exports benchmark: {options.Contacts:N0} contacts (all Shared), {options.Users:N0} employees, {Environment.ProcessorCount} cores");
        await using var company = await SyntheticCompany.PrepareAsync(
            postgres, root, "networksaas_bench_exports", "exports.json", options, ContactVisibility.Shared, AddActivityAsync, ct);
        var services = company.App.Services;
        var owner = company.Users[0]; // the first Admin
        await DeleteExportsAsync(company, ct);

        // Right after start the code is still being compiled and tiered up (tiered JIT, dynamic PGO): each export runs once
        // unmeasured first, as in a worker that has been running for a while. The process's peak memory depends on what it
        // did before (the GC keeps the heap it grew), so the streamed exports are measured before the in-memory workbook.
        var columns = 20;
        Task<(int Rows, long Bytes)> ContactsXlsx() => RunExportAsync(services, company.Tenant, owner.Id, ExportKind.CompanyContacts, ExportFormat.Xlsx, ct);
        Task<(int Rows, long Bytes)> ContactsCsv() => RunExportAsync(services, company.Tenant, owner.Id, ExportKind.CompanyContacts, ExportFormat.Csv, ct);
        Task<(int Rows, long Bytes)> Review() => RunExportAsync(services, company.Tenant, owner.Id, ExportKind.HrReview, ExportFormat.Xlsx, ct, ReviewOfLastYear(company, HrReviewColumns.All));
        Task<(int Rows, long Bytes)> Bare() => Task.FromResult(Baseline(options.Contacts, columns));
        var xlsx = await WarmThenMeasureAsync($"company contacts → xlsx ({options.Contacts:N0} Shared contacts, {columns} columns; the export job end to end)", ContactsXlsx);
        var baseline = await WarmThenMeasureAsync($"bare OpenXmlWriter loop, {options.Contacts:N0} rows × {columns} text cells, no database (baseline)", Bare);
        var csv = await WarmThenMeasureAsync("company contacts → CSV (the same contacts, import template + owner)", ContactsCsv);
        var review = await WarmThenMeasureAsync($"HR review workbook, {company.Users.Count:N0} employees, last 12 months, every column and the introductions sheet (ClosedXML)", Review);
        await DeleteExportsAsync(company, ct);
        ExportFigures[] results = [baseline, xlsx, csv, review];

        var (requests, interactions) = await ActivityCountsAsync(company, ct);
        Console.WriteLine();
        foreach (var r in results)
        {
            Console.WriteLine(Report.F($"  {r.Name}: {r.Rows:N0} rows in {r.Seconds:0.00} s, peak {r.PeakMegabytes:0} MB (from {r.StartMegabytes:0} MB), file {r.Bytes / 1048576.0:0.0} MB"));
        }

        Console.WriteLine(Report.F($"  contacts xlsx {xlsx.Seconds:0.00} s ≤ {ContactExportTargetSeconds:0} s: {Report.Pass(xlsx.Seconds <= ContactExportTargetSeconds)}   peak {xlsx.PeakMegabytes:0} MB ≤ {ContactExportTargetMegabytes:0} MB: {Report.Pass(xlsx.PeakMegabytes <= ContactExportTargetMegabytes)}   ({xlsx.Seconds / baseline.Seconds:0.0} × the bare writer's time)"));
        Console.WriteLine(Report.F($"  HR workbook {review.Seconds:0.00} s ≤ {HrWorkbookTargetSeconds:0} s: {Report.Pass(review.Seconds <= HrWorkbookTargetSeconds)}"));
        Console.WriteLine();
        Console.WriteLine("Markdown for the README:");
        Console.WriteLine();
        Console.WriteLine(Report.F($"Synthetic company: {company.Users.Count:N0} employees, {options.Contacts:N0} contacts (all Shared), {requests:N0} introduction requests and {interactions:N0} interactions over a year; {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}. Peak = the process's peak resident memory during that export (an aggressive full GC gives back what the GC held, then the peak is reset; the app and EF Core are already resident at the start)."));
        Console.WriteLine();
        Console.WriteLine("| export | rows | seconds | peak MB (resident at start) | allocated MB | file MB | yardstick in the same run | target | result |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        Console.WriteLine(Report.F($"| {baseline.Name} | {baseline.Rows:N0} | {baseline.Seconds:0.00} | {baseline.PeakMegabytes:0} ({baseline.StartMegabytes:0}) | {baseline.AllocatedMegabytes:0} | {baseline.Bytes / 1048576.0:0.0} | | | |"));
        Console.WriteLine(Report.F($"| {xlsx.Name} | {xlsx.Rows:N0} | {xlsx.Seconds:0.00} | {xlsx.PeakMegabytes:0} ({xlsx.StartMegabytes:0}) | {xlsx.AllocatedMegabytes:0} | {xlsx.Bytes / 1048576.0:0.0} | {xlsx.Seconds / baseline.Seconds:0.0} × the bare writer's time | ≤ {ContactExportTargetSeconds:0} s, ≤ {ContactExportTargetMegabytes:0} MB | {Report.Pass(xlsx.Seconds <= ContactExportTargetSeconds && xlsx.PeakMegabytes <= ContactExportTargetMegabytes)} |"));
        Console.WriteLine(Report.F($"| {csv.Name} | {csv.Rows:N0} | {csv.Seconds:0.00} | {csv.PeakMegabytes:0} ({csv.StartMegabytes:0}) | {csv.AllocatedMegabytes:0} | {csv.Bytes / 1048576.0:0.0} | | | |"));
        Console.WriteLine(Report.F($"| {review.Name} | {review.Rows:N0} | {review.Seconds:0.00} | {review.PeakMegabytes:0} ({review.StartMegabytes:0}) | {review.AllocatedMegabytes:0} | {review.Bytes / 1048576.0:0.0} | | ≤ {HrWorkbookTargetSeconds:0} s | {Report.Pass(review.Seconds <= HrWorkbookTargetSeconds)} |"));
        return 0;
    }

    /// <summary>A year of introductions and interactions on the freshly generated company, written through EF Core as the app role.</summary>
    private static async Task AddActivityAsync(SyntheticCompany company, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var contacts = new List<SyntheticContactRef>();
        await using (var connection = new NpgsqlConnection(company.SuperUserConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT id, owner_id, organization_id, channel FROM contacts ORDER BY id", connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                contacts.Add(new SyntheticContactRef(reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), (MeetingChannel)reader.GetInt32(3)));
            }
        }

        var draw = new Random(5);
        var sample = contacts.OrderBy(_ => draw.Next()).ToList();
        var activity = new SyntheticActivity(company.Tenant.Id, DateTimeOffset.UtcNow);
        var introductions = activity.Introductions([.. company.Users.Select(u => u.Id)], sample, Introductions);
        var interactions = activity.Interactions(sample, Interactions);
        foreach (var chunk in introductions.Requests.Chunk(2_000).Cast<object[]>()
                     .Concat(introductions.Events.Chunk(5_000))
                     .Concat(interactions.Chunk(5_000)))
        {
            await using var scope = company.App.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(company.Tenant);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.AddRange(chunk);
            await db.SaveChangesAsync(ct);
        }

        Console.WriteLine(Report.F($"  activity: {introductions.Requests.Count:N0} introduction requests ({introductions.Events.Count:N0} timeline events) and {interactions.Count:N0} interactions in {watch.Elapsed.TotalSeconds:0.0} s"));
    }

    private static Action<ExportRequest> ReviewOfLastYear(SyntheticCompany company, IEnumerable<string> columns) => request =>
    {
        var today = company.Generator.Options.Today;
        request.PeriodFrom = today.AddYears(-1).AddDays(1);
        request.PeriodTo = today;
        request.Columns = [.. columns];
    };

    /// <summary>Queues an export and runs its job in the tenant's scope, as the worker does; returns rows and file size.</summary>
    private static async Task<(int Rows, long Bytes)> RunExportAsync(
        IServiceProvider services, ITenantInfo tenant, Guid ownerId, ExportKind kind, ExportFormat format, CancellationToken ct, Action<ExportRequest>? configure = null)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(tenant);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var request = new ExportRequest { OwnerId = ownerId, Kind = kind, Format = format, Culture = "ja", Status = ExportStatus.Queued, CreatedAt = DateTimeOffset.UtcNow };
        configure?.Invoke(request);
        db.ExportRequests.Add(request);
        await db.SaveChangesAsync(ct);
        await scope.ServiceProvider.GetRequiredService<ExportJob>().RunAsync(tenant.Id, request.Id, ct);
        var done = await db.ExportRequests.AsNoTracking().SingleAsync(e => e.Id == request.Id, ct);
        if (done.Status != ExportStatus.Completed)
        {
            throw new InvalidOperationException($"The {kind} export ended {done.Status} ({done.Failure}).");
        }

        return (done.TotalRows, done.FileSize ?? 0);
    }

    /// <summary>The yardstick: OpenXmlWriter into a zip entry, inline strings, fixed text, nothing else.</summary>
    private static (int Rows, long Bytes) Baseline(int rows, int columns)
    {
        var path = Path.Combine(Path.GetTempPath(), $"networksaas-bench-baseline-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            using (var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open())
            using (var writer = OpenXmlWriter.Create(entry))
            {
                var texts = new[] { "山田 太郎", "株式会社ブルーオーシャン", "営業部", "マネージャー", "taro.yamada@example.co.jp", "090-1234-5678", "Jane Smith", "Globex Inc." };
                var (row, cell, inline, text) = (new Row(), new Cell(), new InlineString(), new Text());
                OpenXmlAttribute[] rowAttributes = [default], cellAttributes = [default, new OpenXmlAttribute("t", "", "inlineStr")];
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                for (var r = 1; r <= rows; r++)
                {
                    var rowText = r.ToString(CultureInfo.InvariantCulture);
                    rowAttributes[0] = new OpenXmlAttribute("r", "", rowText);
                    writer.WriteStartElement(row, rowAttributes);
                    for (var c = 0; c < columns; c++)
                    {
                        cellAttributes[0] = new OpenXmlAttribute("r", "", (char)('A' + c) + rowText);
                        writer.WriteStartElement(cell, cellAttributes);
                        writer.WriteStartElement(inline);
                        writer.WriteStartElement(text);
                        writer.WriteString(texts[(r + c) % texts.Length]);
                        writer.WriteEndElement();
                        writer.WriteEndElement();
                        writer.WriteEndElement();
                    }

                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            return (rows, new FileInfo(path).Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<ExportFigures> WarmThenMeasureAsync(string name, Func<Task<(int Rows, long Bytes)>> run)
    {
        await run();
        PeakMemory.Reset();
        var start = PeakMemory.Megabytes();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var (rows, bytes) = await run();
        var seconds = watch.Elapsed.TotalSeconds;
        var figures = new ExportFigures(name, rows, seconds, PeakMemory.Megabytes(), start,
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0, bytes);
        Console.WriteLine(Report.F($"  {figures.Name}: {figures.Seconds:0.00} s, peak {figures.PeakMegabytes:0} MB (resident at the start {figures.StartMegabytes:0} MB), {figures.AllocatedMegabytes:0} MB allocated"));
        return figures;
    }

    private static async Task<(long Requests, long Interactions)> ActivityCountsAsync(SyntheticCompany company, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(company.SuperUserConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT (SELECT count(*) FROM introduction_requests), (SELECT count(*) FROM interactions)", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task DeleteExportsAsync(SyntheticCompany company, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(company.SuperUserConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("DELETE FROM export_requests; DELETE FROM audit_entries WHERE action IN ('contacts.company-exported', 'hr-review.exported'); DELETE FROM notifications WHERE kind LIKE 'export.%';", connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>The process's peak resident memory (Linux VmHWM), which clear_refs resets.</summary>
internal static class PeakMemory
{
    /// <summary>
    /// Gives the memory the GC holds back to the system (an aggressive collection decommits what earlier work grew, such
    /// as generating the data), then resets the peak to what is resident now.
    /// </summary>
    public static void Reset()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        File.WriteAllText("/proc/self/clear_refs", "5");
    }

    public static double Megabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }
}
