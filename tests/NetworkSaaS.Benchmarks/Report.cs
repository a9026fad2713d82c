using System.Globalization;
using System.Text;

namespace NetworkSaaS.Benchmarks;

internal sealed record GenerationFigures(int Users, long Contacts, double Seconds, bool Reused);

/// <summary>The figures as a Markdown table for the README, with the targets and whether they were met.</summary>
internal static class Report
{
    public static string Pass(bool ok) => ok ? "PASS" : "FAIL";

    /// <param name="process">Whose CPU <see cref="ScenarioResult.Cpu"/> is, besides PostgreSQL's.</param>
    public static void PrintScenario(ScenarioResult r, ScenarioResult? baseline, string process = ".NET (app + load generator)")
    {
        var ratio = baseline is null ? "" : F($"  ratio to baseline {r.Throughput / baseline.Throughput:0.00}");
        Console.WriteLine(F($"  {r.Name,-12} {r.Requests,7:N0} req in {r.Seconds,5:0.0} s = {r.Throughput,7:0.0} req/s   p50 {r.Percentile(0.50),6:0.0} ms   p95 {r.Percentile(0.95),6:0.0} ms   p99 {r.Percentile(0.99),6:0.0} ms   max {r.Max,6:0.0} ms   errors {r.Errors}{ratio}"));
        Console.WriteLine(F($"            CPU per request: {r.CpuPerRequestMs.Process:0.00} ms {process}, {r.CpuPerRequestMs.Postgres:0.00} ms PostgreSQL"));
        if (r.FirstError is not null)
        {
            Console.WriteLine($"    first error: {r.FirstError}");
        }
    }

    public static void PrintWriters(NetworkWriters writers)
    {
        var ms = writers.SortedWriteMs;
        Console.WriteLine(F($"  writers beside the cold pages: {writers.ContactsAdded:N0} contacts added and {writers.InteractionsLogged:N0} interactions logged in {writers.Seconds:0} s ({writers.Writes / Math.Max(1, writers.Seconds):0.0} writes/s), a write (form GET + POST) p50 {Percentile(ms, 0.5):0.0} ms, p95 {Percentile(ms, 0.95):0.0} ms; errors {writers.Errors}"));
        if (writers.FirstError is not null)
        {
            Console.WriteLine($"    first error: {writers.FirstError}");
        }
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Markdown(
        BenchmarkOptions options, GenerationFigures generation, ScenarioResult baseline, ScenarioResult list, ScenarioResult search,
        ScenarioResult coldList, ScenarioResult coldSearch, ColdNetworkLoad cold, ImportResult import)
    {
        var text = new StringBuilder();
        text.AppendLine(F($"Synthetic company: {generation.Users:N0} employees, {generation.Contacts:N0} contacts; {options.Clients} signed-in users in a closed loop, {options.Seconds} s per page after {options.WarmupSeconds} s warm-up, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}."));
        text.AppendLine();
        text.AppendLine("| page | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | CPU ms/req .NET + PostgreSQL | throughput / baseline | target | result |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        Row(text, "bare page, one indexed query (baseline)", baseline, null);
        Row(text, "contact list (page 1–5, any sort)", list, baseline);
        Row(text, "contact search (kana, company, tag, name)", search, baseline);
        var coldWhat = F($"{cold.Owners.Count} employees, {cold.PoolContacts:N0} contacts = {ColdNetworkLoad.PoolToLimit} × the copy limit, writes beside");
        Row(text, F($"contact list, cold ({coldWhat})"), coldList, baseline);
        Row(text, F($"contact search, cold ({coldWhat})"), coldSearch, baseline);
        text.AppendLine();
        text.AppendLine("| what | figure | yardstick in the same run | target | result |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        text.AppendLine(F($"| import of a {import.Rows:N0}-row LinkedIn Connections.csv through the pages, until its page shows it finished ({import.Created:N0} created, {import.Updated:N0} updated) | {import.TotalSeconds:0.0} s | bare parse of the file {import.ParseSeconds:0.00} s (import = {import.Ratio:0}× parse) | ≤ {BenchmarkOptions.ImportTargetSeconds:0} s | {Pass(import.TotalSeconds <= BenchmarkOptions.ImportTargetSeconds)} |"));
        text.AppendLine(F($"| … upload + preview / Import POST / queue wait / job / until the page (refreshing every 2 s) shows it | {import.UploadPreviewSeconds:0.00} / {import.StartSeconds:0.00} / {import.QueueSeconds:0.00} / {import.JobSeconds:0.00} / {import.ShownSeconds:0.00} s | | | |"));
        var writers = cold.Writers;
        var ms = writers.SortedWriteMs;
        text.AppendLine(F($"| writes beside the cold list and search ({NetworkWriters.Loops} loops: add a contact, log an interaction, through the forms) | {writers.Writes / Math.Max(1, writers.Seconds):0} writes/s, p50 {Percentile(ms, 0.5):0.0} ms, p95 {Percentile(ms, 0.95):0.0} ms, {writers.Errors} errors | | | |"));
        foreach (var page in new[] { coldList, coldSearch })
        {
            var copies = cold.CountsOf(page.Name);
            text.AppendLine(F($"| copies of My network loaded during the {page.Name} slices | {copies.AbsentLoads:N0} not in memory + {copies.ChangedLoads:N0} after a write ({(copies.AbsentLoads + copies.ChangedLoads) / (double)Math.Max(1, page.Requests):0.00} per request), {copies.Evictions:N0} evicted | | | |"));
        }

        text.AppendLine(F($"| generating the synthetic company (COPY, indexes, VACUUM ANALYZE) | {(generation.Reused ? "reused" : F($"{generation.Seconds:0} s"))} | | | |"));
        return text.ToString();
    }

    private static void Row(StringBuilder text, string what, ScenarioResult r, ScenarioResult? baseline)
    {
        var p95Ok = r.Percentile(0.95) <= BenchmarkOptions.P95TargetMs;
        if (baseline is null)
        {
            text.AppendLine(F($"| {what} | {r.Throughput:0} | {r.Percentile(0.5):0.0} | {r.Percentile(0.95):0.0} | {r.Percentile(0.99):0.0} | {r.Max:0} | {r.Errors} | {Cpu(r)} | 1 | | |"));
            return;
        }

        var ratio = r.Throughput / baseline.Throughput;
        var ok = p95Ok && ratio >= BenchmarkOptions.ThroughputRatioTarget && r.Errors == 0;
        text.AppendLine(F($"| {what} | {r.Throughput:0} | {r.Percentile(0.5):0.0} | {r.Percentile(0.95):0.0} | {r.Percentile(0.99):0.0} | {r.Max:0} | {r.Errors} | {Cpu(r)} | {ratio:0.00} | p95 ≤ {BenchmarkOptions.P95TargetMs:0} ms, ≥ {BenchmarkOptions.ThroughputRatioTarget:0.0} | {Pass(ok)} |"));
    }

    private static string Cpu(ScenarioResult r) => F($"{r.CpuPerRequestMs.Process:0.00} + {r.CpuPerRequestMs.Postgres:0.00}");

    public static string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
