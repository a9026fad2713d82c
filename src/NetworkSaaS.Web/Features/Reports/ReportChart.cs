using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetworkSaaS.Web.Features.Reports;

public enum ChartKind
{
    Bar,
    Line,
}

public enum ChartFormat
{
    Count,
    Amount,
    Percent,
}

public sealed record ChartSeries(string Label, IReadOnlyList<decimal> Values);

/// <summary>
/// What wwwroot/js/reports.js draws on a canvas, passed in its <c>data-chart</c> attribute (the Content-Security-Policy
/// allows no inline script). Labels arrive localized; the script formats numbers for the page's language.
/// </summary>
public sealed record ReportChart(ChartKind Kind, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public bool Horizontal { get; init; }
    public bool Stacked { get; init; }
    public ChartFormat Format { get; init; }

    /// <summary>ISO 4217 code of <see cref="ChartFormat.Amount"/> values.</summary>
    public string? Currency { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
