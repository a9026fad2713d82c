using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Web.Features.Contacts;

namespace NetworkSaaS.Tests.Contacts;

public sealed class NetworkSnapshotTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static NetworkEntry Entry(
        string name, int depth = 3, DateOnly? last = null, DateOnly? next = null, int addedDay = 1, string search = "", string[]? tags = null,
        MeetingChannel channel = MeetingChannel.ExchangeEvent, Guid? organization = null) =>
        new(new NetworkRow(Guid.NewGuid(), name, null, organization, null, depth, channel, ContactVisibility.Private, last, next, tags ?? []),
            $"{name.ToLowerInvariant()} {search}", new DateTimeOffset(2026, 1, addedDay, 0, 0, 0, TimeSpan.Zero));

    // In the database's name order, as MyNetworkQuery loads them.
    private static readonly NetworkSnapshot Snapshot = new(7,
    [
        Entry("Aoki", depth: 5, last: new(2026, 11, 1), next: new(2026, 12, 1), addedDay: 3, search: "あおき acme", tags: ["golf"]),
        Entry("Baba", depth: 3, last: null, next: null, addedDay: 5, search: "ばば globex"),
        Entry("Chiba", depth: 5, last: new(2026, 11, 20), next: new(2026, 11, 27), addedDay: 5, search: "ちば acme widgets", tags: ["Golf"]),
        Entry("Doi", depth: 1, last: new(2026, 11, 1), next: new(2026, 11, 28), addedDay: 1, search: "どい initech", channel: MeetingChannel.FriendOrAcquaintance),
    ]);

    private static List<string> Names(NetworkPage page) => [.. page.Rows.Select(r => r.DisplayName)];

    [Theory]
    [InlineData(NetworkSort.Name, "Aoki Baba Chiba Doi")]
    [InlineData(NetworkSort.RecentlyContacted, "Chiba Aoki Doi Baba")] // never contacted last; ties in name order
    [InlineData(NetworkSort.NextTouch, "Chiba Doi Aoki Baba")] // no next touch last
    [InlineData(NetworkSort.Depth, "Aoki Chiba Baba Doi")]
    [InlineData(NetworkSort.Added, "Baba Chiba Aoki Doi")]
    [InlineData((NetworkSort)99, "Aoki Baba Chiba Doi")]
    public void Every_order_is_total_and_falls_back_on_the_name_order(NetworkSort sort, string expected)
    {
        var page = Snapshot.Query(new NetworkFilter { Sort = sort }, Today);

        Assert.Equal(expected.Split(' '), Names(page));
        Assert.Equal(4, page.Total);
        Assert.Equal(2, page.OverdueTotal); // due on or before today
    }

    [Fact]
    public void Search_terms_must_all_match_and_filters_combine()
    {
        Assert.Equal(["Aoki", "Chiba"], Names(Snapshot.Query(new NetworkFilter { Q = "ACME" }, Today)));
        Assert.Equal(["Chiba"], Names(Snapshot.Query(new NetworkFilter { Q = "acme widgets" }, Today)));
        Assert.Equal(["Aoki"], Names(Snapshot.Query(new NetworkFilter { Q = "アオキ" }, Today)));
        Assert.Equal(["Aoki"], Names(Snapshot.Query(new NetworkFilter { Tag = " golf " }, Today))); // tags match exactly
        Assert.Equal(["Chiba", "Doi"], Names(Snapshot.Query(new NetworkFilter { Overdue = true }, Today)));
        Assert.Equal(["Doi"], Names(Snapshot.Query(new NetworkFilter { Channel = MeetingChannel.FriendOrAcquaintance }, Today)));
        Assert.Equal(["Chiba", "Aoki"], Names(Snapshot.Query(new NetworkFilter { Depth = 5, Sort = NetworkSort.NextTouch }, Today)));
        var none = Snapshot.Query(new NetworkFilter { Q = "acme", Depth = 1 }, Today);
        Assert.Empty(none.Rows);
        Assert.Equal((0, 2, 1, 1), (none.Total, none.OverdueTotal, none.Page, none.PageCount));
    }

    [Fact]
    public void Pages_hold_fifty_and_a_page_past_the_end_is_the_last_one()
    {
        var snapshot = new NetworkSnapshot(1, [.. Enumerable.Range(1, 120).Select(i => Entry($"P{i:000}"))]);

        var second = Names(snapshot.Query(new NetworkFilter { Page = 2 }, Today));
        Assert.Equal(50, second.Count);
        Assert.Equal(("P051", "P100"), (second[0], second[^1]));
        var last = snapshot.Query(new NetworkFilter { Page = 99 }, Today);
        Assert.Equal((3, 3, 20, "P101"), (last.Page, last.PageCount, last.Rows.Count, last.Rows[0].DisplayName));
        var empty = new NetworkSnapshot(0, []).Query(new NetworkFilter { Page = 5 }, Today);
        Assert.Equal((1, 1, 0), (empty.Page, empty.PageCount, empty.Total));
    }
}
