namespace NetworkSaaS.Web.Features.Reports;

public sealed record BreakdownLine(string Label, FunnelCounts Counts);

/// <summary>One breakdown of introductions as the page shows it: a chart and, beside it, the table with the numbers.</summary>
public sealed record Breakdown(string Id, string Title, string KeyHeader, string SucceededHeader, IReadOnlyList<BreakdownLine> Lines, ReportChart Chart)
{
    public static Breakdown Of(
        string id, string title, string keyHeader, IReadOnlyList<BreakdownLine> lines, ChartKind kind, (string Requested, string Introduced, string Succeeded) series)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var chart = new ReportChart(kind, [.. lines.Select(l => l.Label)],
        [
            new ChartSeries(series.Requested, [.. lines.Select(l => (decimal)l.Counts.Requested)]),
            new ChartSeries(series.Introduced, [.. lines.Select(l => (decimal)l.Counts.Introduced)]),
            new ChartSeries(series.Succeeded, [.. lines.Select(l => (decimal)l.Counts.Succeeded)]),
        ]) { Horizontal = kind == ChartKind.Bar && lines.Count > 6 };
        return new Breakdown(id, title, keyHeader, series.Succeeded, lines, chart);
    }
}
