using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Seeds;

namespace NetworkSaaS.Tests.Seeds;

public sealed class DemoIntroductionPlanTests
{
    [Theory]
    [InlineData("sakura")]
    [InlineData("northwind")]
    public void The_plan_is_the_same_for_the_same_network_and_day_whatever_the_hour_and_the_order_the_database_returns_it_in(string slug)
    {
        var demo = DemoSeeder.Tenants.Single(t => t.Slug == slug);
        var people = demo.People.Select((_, i) => new DemoColleague(Guid.CreateVersion7(), i)).ToList();
        var departments = demo.Departments.ToDictionary(d => d, _ => Guid.CreateVersion7());
        var organizations = new Dictionary<string, Guid>();
        var targets = people.SelectMany(p => DemoNetworks.For(demo, p.PersonIndex, new DateOnly(2026, 11, 27)).Select(c => new DemoTarget(
                Guid.CreateVersion7(), p.Id, $"{p.PersonIndex:D2}|{c.Email}", c.Company,
                organizations.TryGetValue(c.Company, out var id) ? id : organizations[c.Company] = Guid.CreateVersion7(), c.Company, c.Visibility, c.OpenTo)))
            .ToList();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(demo.TimeZoneId);
        var now = new DateTimeOffset(2026, 11, 27, 8, 30, 0, TimeSpan.Zero);

        var first = Describe(DemoIntroductions.Plan(demo, people, departments, targets, zone, now));
        var second = Describe(DemoIntroductions.Plan(demo, people, departments, [.. targets.OrderByDescending(t => t.Id)], zone, now.AddHours(3)));

        Assert.Equal(first, second);
        var byId = targets.ToDictionary(t => t.Id);
        var plan = DemoIntroductions.Plan(demo, people, departments, targets, zone, now);
        Assert.All(plan.Introductions, p =>
        {
            var target = byId[p.ContactId ?? p.ChosenContactId!.Value];
            Assert.NotEqual(ContactVisibility.Private, target.Visibility);
            Assert.Equal(p.ConnectorId, target.OwnerId);
            Assert.NotEqual(p.RequesterId, p.ConnectorId);
            Assert.All(p.Steps.Zip(p.Steps.Skip(1)), pair => Assert.True(pair.First.At < pair.Second.At));
            Assert.True(p.Steps[^1].At < now);
            Assert.All(p.Steps, s => Assert.InRange(TimeZoneInfo.ConvertTime(s.At, zone).DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday));
        });
    }

    private static List<string> Describe(DemoIntroductionSet set)
    {
        var asks = set.Asks.ToDictionary(a => a.Id, a => a.Title);
        return
        [
            .. set.Asks.Select(a => $"{a.Title}|{a.AuthorId}|{a.CreatedAt:O}|{a.ClosedAt:O}|{a.OrganizationId}|{a.DepartmentId}|{a.RewardNote}"),
            .. set.Introductions.Select(p => $"{p.RequesterId}|{p.ConnectorId}|{p.ContactId}|{p.OrganizationId}|{p.Purpose}|{p.Reason}|"
                + (p.AskId is { } askId ? asks[askId] : "-") + "|"
                + string.Join(",", p.Steps.Select(s => $"{s.Kind}@{s.At:O}/{s.ActorId}/{s.Outcome}/{s.Amount}/{s.Currency}/{s.Day}/{s.Text}"))),
        ];
    }
}
