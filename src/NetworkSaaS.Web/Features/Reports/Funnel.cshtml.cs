using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Introductions;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Reports;

public sealed record FunnelLine(string Label, string SucceededLabel, FunnelCounts Counts);

public sealed record CurrencyWins(string Currency, IReadOnlyList<(string Channel, int Won, decimal Amount)> Lines, ReportChart Chart);

public sealed record HireLine(string Label, int Referrals, int Hires);

/// <summary>Requested → accepted → introduced → won/hired/engaged, with conversion and median time per step; won amounts; referral hires.</summary>
[Authorize(Roles = ReportAccess.AllowedRoles)]
public sealed class FunnelModel(
    ReportFilters filters, ITenantContextAccessor tenantContext, IntroductionReport report,
    ReportLabels labels, ContactLabels contactLabels, IntroductionLabels introductionLabels, IStringLocalizer<SharedResource> l)
    : ReportPageModel(filters, tenantContext)
{
    public override string Report => "funnel";

    /// <summary>One line per purpose with introductions, then the total.</summary>
    public IReadOnlyList<FunnelLine> Lines { get; private set; } = [];
    public ReportChart? FunnelChart { get; private set; }
    public IReadOnlyList<CurrencyWins> Wins { get; private set; } = [];
    public IReadOnlyList<HireLine> HiresByChannel { get; private set; } = [];
    public IReadOnlyList<HireLine> HiresByPosition { get; private set; } = [];
    public ReportChart? HiresByChannelChart { get; private set; }
    public ReportChart? HiresByPositionChart { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await ResolveAsync(cancellationToken);
        var rows = await report.BreakdownAsync(Filter, Scope, cancellationToken);
        var byPurpose = rows.Where(r => r.Dimension == SourceDimension.Purpose).ToDictionary(r => Enum.Parse<IntroductionPurpose>(r.Key!), r => r.Counts);
        var total = rows.FirstOrDefault(r => r.Dimension == SourceDimension.Total)?.Counts ?? FunnelCounts.None;
        var lines = Enum.GetValues<IntroductionPurpose>().Where(byPurpose.ContainsKey)
            .Select(p => new FunnelLine(introductionLabels.Purpose(p), labels.Succeeded(p), byPurpose[p])).ToList();
        lines.Add(new FunnelLine(l["All purposes"], labels.Succeeded(Filter.Purpose), total));
        Lines = lines;
        if (total.Requested > 0)
        {
            FunnelChart = new ReportChart(ChartKind.Bar,
                [l["Requested"], l["Connector accepted"], l["Introduced"], labels.Succeeded(Filter.Purpose)],
                [new ChartSeries(l["Introductions"], [total.Requested, total.Accepted, total.Introduced, total.Succeeded])]) { Horizontal = true };
        }

        var won = await report.WonAmountsAsync(Filter, Scope, cancellationToken);
        Wins = [.. won.GroupBy(w => w.Currency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var currencyLines = g.Select(w => (contactLabels.Channel(w.Channel), w.Won, w.Amount)).ToList();
            var chart = new ReportChart(ChartKind.Bar, [.. currencyLines.Select(c => c.Item1)],
                [new ChartSeries(l["Amount won ({0})", g.Key], [.. currencyLines.Select(c => c.Amount)])])
            { Horizontal = true, Format = ChartFormat.Amount, Currency = g.Key };
            return new CurrencyWins(g.Key, currencyLines, chart);
        })];

        var hires = await report.HiresAsync(Filter, Scope, cancellationToken);
        HiresByChannel = [.. hires.Where(h => h.Dimension == HireDimension.Channel)
            .Select(h => new HireLine(contactLabels.Channel(Enum.Parse<MeetingChannel>(h.Key!)), h.Referrals, h.Hires))];
        HiresByPosition = [.. hires.Where(h => h.Dimension == HireDimension.Position)
            .Select(h => new HireLine(h.Position ?? l["Not for an open position"], h.Referrals, h.Hires))];
        HiresByChannelChart = HireChart(HiresByChannel);
        HiresByPositionChart = HireChart(HiresByPosition);
    }

    private ReportChart? HireChart(IReadOnlyList<HireLine> hireLines) => hireLines.Count == 0 ? null
        : new ReportChart(ChartKind.Bar, [.. hireLines.Select(h => h.Label)],
        [
            new ChartSeries(l["Referrals"], [.. hireLines.Select(h => (decimal)h.Referrals)]),
            new ChartSeries(l["Hired"], [.. hireLines.Select(h => (decimal)h.Hires)]),
        ]) { Horizontal = true };
}
