namespace NetworkSaaS.Benchmarks;

/// <summary>
/// This shared machine drifts within one run (the same baseline gave 1,750 req/s at the start of a run and 2,600 at its
/// end), so the baseline is not measured once before and once after the pages but in slices alternating with them:
/// each page is compared with a baseline measured over the same minutes. The first page of the list is the baseline.
/// </summary>
internal static class AlternatingRounds
{
    /// <summary>One slice of a page: after <c>settle</c> unmeasured, <c>slice</c> measured, with the seed of its draws.</summary>
    public delegate Task<ScenarioResult> Measure(Scenario page, TimeSpan settle, TimeSpan slice, int seed);

    /// <summary>Every page's slices combined, by page name; each round's ratios are printed as it ends.</summary>
    public static async Task<Dictionary<string, ScenarioResult>> RunAsync(BenchmarkOptions options, IReadOnlyList<Scenario> pages, Measure measure)
    {
        var totals = new Dictionary<string, ScenarioResult>();
        var slice = TimeSpan.FromSeconds(options.Seconds) / options.Rounds;
        for (var round = 1; round <= options.Rounds; round++)
        {
            var thisRound = new Dictionary<string, ScenarioResult>();
            foreach (var page in pages)
            {
                // The first slice of each page starts after the full warm-up, later ones after a short settle.
                var settle = TimeSpan.FromSeconds(round == 1 ? options.WarmupSeconds : Math.Min(1, options.WarmupSeconds));
                var result = await measure(page, settle, slice, 100 * round + thisRound.Count);
                thisRound[page.Name] = result;
                totals[page.Name] = totals.TryGetValue(page.Name, out var before) ? ScenarioResult.Combine(page.Name, before, result) : result;
            }

            var roundBaseline = thisRound[pages[0].Name].Throughput;
            var others = pages.Skip(1).Select(s => Report.F($"{s.Name} {thisRound[s.Name].Throughput:0} ({thisRound[s.Name].Throughput / roundBaseline:0.00}×)"));
            Console.WriteLine(Report.F($"  round {round}: baseline {roundBaseline:0} req/s, {string.Join(", ", others)}"));
        }

        return totals;
    }
}
