using System.Globalization;
using System.Text;

namespace NetworkSaaS.Benchmarks;

internal sealed record GenerationFigures(int Users, long Contacts, double Seconds, bool Reused);

/// <summary>The figures as a Markdown table for the README, with the targets and whether they were met.</summary>
internal static class Report
{
    public static string Pass(bool ok) => ok ? "PASS" : "FAIL";

    public static void PrintScenario(ScenarioResult r, ScenarioResult? baseline)
    {
        var ratio = baseline is null ? "" : F($"  ratio to baseline {r.Throughput / baseline.Throughput:0.00}");
        Console.WriteLine(F($"  {r.Name,-9} {r.Requests,7:N0} req in {r.Seconds,5:0.0} s = {r.Throughput,7:0.0} req/s   p50 {r.Percentile(0.50),6:0.0} ms   p95 {r.Percentile(0.95),6:0.0} ms   p99 {r.Percentile(0.99),6:0.0} ms   max {r.Max,6:0.0} ms   errors {r.Errors}{ratio}"));
        Console.WriteLine(F($"            CPU per request: {r.CpuPerRequestMs.Process:0.00} ms .NET (app + load generator), {r.CpuPerRequestMs.Postgres:0.00} ms PostgreSQL"));
        if (r.FirstError is not null)
        {
            Console.WriteLine($"    first error: {r.FirstError}");
        }
    }

    public static string Markdown(
        BenchmarkOptions options, GenerationFigures generation, ScenarioResult baseline, ScenarioResult list, ScenarioResult search, ImportResult import)
    {
        var text = new StringBuilder();
        text.AppendLine(F($"Synthetic company: {generation.Users:N0} employees, {generation.Contacts:N0} contacts; {options.Clients} signed-in users in a closed loop, {options.Seconds} s per page after {options.WarmupSeconds} s warm-up, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}."));
        text.AppendLine();
        text.AppendLine("| page | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | CPU ms/req .NET + PostgreSQL | throughput / baseline | target | result |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        Row(text, "bare page, one indexed query (baseline)", baseline, null);
        Row(text, "contact list (page 1–5, any sort)", list, baseline);
        Row(text, "contact search (kana, company, tag, name)", search, baseline);
        text.AppendLine();
        text.AppendLine("| what | figure | yardstick in the same run | target | result |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        text.AppendLine(F($"| import of a {import.Rows:N0}-row LinkedIn Connections.csv ({import.Created:N0} created, {import.Updated:N0} updated) | {import.ImportSeconds:0.0} s | bare parse of the file {import.ParseSeconds:0.00} s (import = {import.Ratio:0}× parse) | ≤ {BenchmarkOptions.ImportTargetSeconds:0} s | {Pass(import.ImportSeconds <= BenchmarkOptions.ImportTargetSeconds)} |"));
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
