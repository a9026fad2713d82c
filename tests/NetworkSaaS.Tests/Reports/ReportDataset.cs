using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Reports;

/// <summary>
/// A small company built by hand, whose report numbers are worked out in <see cref="ReportsTests"/>' comments.
/// London time (BST until 25 October 2026), fiscal year from April: FY2026 = April 2026 – March 2027. Sales: the
/// manager, salesA, salesB, an employee; Engineering: the engineer; no department: the executive and HR.
///
/// Introductions (connector, purpose, channel, requested at, then each step in days after the one before):
///   I1 salesA    SalesLead    ExchangeEvent        2026-04-10  accepted +1, introduced +3, won 1,000,000 JPY +10
///   I2 salesA    SalesLead    ExchangeEvent        2026-05-05  accepted +3, introduced +2, won 500 USD +20
///   I3 salesB    SalesLead    CustomerOrSupplier   2026-05-20  declined +2
///   I4 salesB    ReferralHire FriendOrAcquaintance 2026-06-01  offered for the position "Backend engineer", introduced +5, hired +30
///   I5 engineer  Advisor      OnlineCommunity      2026-06-15  accepted +2, introduced +4, engaged +6
///   I6 engineer  SalesLead    CustomerOrSupplier   2026-07-01  accepted +1, introduced +1, won 2,000,000 JPY +7
///   I7 salesA    SalesLead    RegularVenue         2026-03-31 23:30 UTC = 1 April 00:30 in London: still waiting
///   I8 salesA    SalesLead    RegularVenue         2026-03-31 22:30 UTC = 31 March 23:30 in London (FY2025): still waiting
///   I9 salesA    ReferralHire ExchangeEvent        2026-08-10  accepted +1, introduced +1, interviewing +3 (no result yet)
///
/// Contacts (owner, company, visibility, added, next touch) — today is 2026-09-15:
///   c1 salesA   Globex  Shared        2026-04-05  2026-09-01 (overdue)
///   c2 salesA   Globex  Discoverable  2026-05-10  2026-10-01
///   c3 salesA   Initech Private       2025-12-01  2026-09-15 (overdue: due today)
///   c4 salesB   Globex  Shared        2026-06-20  none
///   c5 engineer Initech Shared        2026-04-20  2026-08-01 (overdue)
///   c6 engineer Umbrella Private      2026-07-07  none
/// Interactions: salesA on c1 2026-04-10 and 2026-06-01, on c3 2026-03-20 (before FY2026); engineer on c5 2026-05-05.
/// </summary>
public sealed class ReportDataset
{
    public static readonly DateTimeOffset Now = new(2026, 9, 15, 9, 0, 0, TimeSpan.Zero);

    private ReportDataset()
    {
    }

    public required Tenant Tenant { get; init; }
    public required AppUser Admin { get; init; }
    public required AppUser Manager { get; init; }
    public required AppUser Executive { get; init; }
    public required AppUser Hr { get; init; }
    public required AppUser Employee { get; init; }
    public required AppUser SalesA { get; init; }
    public required AppUser SalesB { get; init; }
    public required AppUser Engineer { get; init; }
    public required Guid Sales { get; init; }
    public required Guid Engineering { get; init; }

    public static async Task<ReportDataset> SeedAsync(TestApp app, string slug)
    {
        var (tenant, admin) = await app.CreateTenantAsync(slug);
        var manager = await app.CreateUserAsync(tenant, $"manager@{slug}.test", Roles.Manager);
        var executive = await app.CreateUserAsync(tenant, $"executive@{slug}.test", Roles.Executive);
        var hr = await app.CreateUserAsync(tenant, $"hr@{slug}.test", Roles.HR);
        var employee = await app.CreateUserAsync(tenant, $"employee@{slug}.test");
        var salesA = await app.CreateUserAsync(tenant, $"sales.a@{slug}.test");
        var salesB = await app.CreateUserAsync(tenant, $"sales.b@{slug}.test");
        var engineer = await app.CreateUserAsync(tenant, $"engineer@{slug}.test");
        var c1 = await app.CreateContactAsync(tenant, salesA.Id, "One", "Contact", "Globex", ContactVisibility.Shared);
        var c2 = await app.CreateContactAsync(tenant, salesA.Id, "Two", "Contact", "Globex", ContactVisibility.Discoverable);
        var c3 = await app.CreateContactAsync(tenant, salesA.Id, "Three", "Contact", "Initech", ContactVisibility.Private);
        var c4 = await app.CreateContactAsync(tenant, salesB.Id, "Four", "Contact", "Globex", ContactVisibility.Shared);
        var c5 = await app.CreateContactAsync(tenant, engineer.Id, "Five", "Contact", "Initech", ContactVisibility.Shared);
        var c6 = await app.CreateContactAsync(tenant, engineer.Id, "Six", "Contact", "Umbrella", ContactVisibility.Private);

        var (sales, engineering) = await app.InTenantAsync(tenant, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var salesDepartment = new Department { Name = "Sales", SortOrder = 0 };
            var engineeringDepartment = new Department { Name = "Engineering", SortOrder = 1 };
            db.Departments.AddRange(salesDepartment, engineeringDepartment);
            await db.SaveChangesAsync();
            Guid[] salesPeople = [manager.Id, salesA.Id, salesB.Id, employee.Id];
            await db.Users.Where(u => salesPeople.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, salesDepartment.Id));
            await db.Users.Where(u => u.Id == engineer.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, engineeringDepartment.Id));

            await SetContactAsync(db, c1.Id, Day(2026, 4, 5), new DateOnly(2026, 9, 1));
            await SetContactAsync(db, c2.Id, Day(2026, 5, 10), new DateOnly(2026, 10, 1));
            await SetContactAsync(db, c3.Id, Day(2025, 12, 1), new DateOnly(2026, 9, 15));
            await SetContactAsync(db, c4.Id, Day(2026, 6, 20), null);
            await SetContactAsync(db, c5.Id, Day(2026, 4, 20), new DateOnly(2026, 8, 1));
            await SetContactAsync(db, c6.Id, Day(2026, 7, 7), null);
            db.Interactions.AddRange(
                Touch(c1.Id, salesA.Id, new DateOnly(2026, 4, 10)),
                Touch(c1.Id, salesA.Id, new DateOnly(2026, 6, 1)),
                Touch(c3.Id, salesA.Id, new DateOnly(2026, 3, 20)),
                Touch(c5.Id, engineer.Id, new DateOnly(2026, 5, 5)));

            var position = new Ask
            {
                AuthorId = hr.Id, Purpose = IntroductionPurpose.ReferralHire, Title = "Backend engineer", IsPosition = true,
                DepartmentId = engineeringDepartment.Id, CreatedAt = Day(2026, 5, 1),
            };
            db.Asks.Add(position);
            var requester = employee.Id;
            Add(db, new(requester, salesA.Id, IntroductionPurpose.SalesLead, MeetingChannel.ExchangeEvent, Day(2026, 4, 10)),
                Step.Accept(1), Step.Introduce(3), Step.Won(10, 1_000_000m, "JPY"));
            Add(db, new(requester, salesA.Id, IntroductionPurpose.SalesLead, MeetingChannel.ExchangeEvent, Day(2026, 5, 5)),
                Step.Accept(3), Step.Introduce(2), Step.Won(20, 500m, "USD"));
            Add(db, new(requester, salesB.Id, IntroductionPurpose.SalesLead, MeetingChannel.CustomerOrSupplier, Day(2026, 5, 20)),
                Step.Decline(2));
            Add(db, new(hr.Id, salesB.Id, IntroductionPurpose.ReferralHire, MeetingChannel.FriendOrAcquaintance, Day(2026, 6, 1)) { AskId = position.Id, Offered = true },
                Step.Introduce(5), Step.Hired(30));
            Add(db, new(requester, engineer.Id, IntroductionPurpose.Advisor, MeetingChannel.OnlineCommunity, Day(2026, 6, 15)),
                Step.Accept(2), Step.Introduce(4), Step.Engaged(6));
            Add(db, new(requester, engineer.Id, IntroductionPurpose.SalesLead, MeetingChannel.CustomerOrSupplier, Day(2026, 7, 1)),
                Step.Accept(1), Step.Introduce(1), Step.Won(7, 2_000_000m, "JPY"));
            Add(db, new(requester, salesA.Id, IntroductionPurpose.SalesLead, MeetingChannel.RegularVenue, new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero)));
            Add(db, new(manager.Id, salesA.Id, IntroductionPurpose.SalesLead, MeetingChannel.RegularVenue, new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero)));
            Add(db, new(requester, salesA.Id, IntroductionPurpose.ReferralHire, MeetingChannel.ExchangeEvent, Day(2026, 8, 10)),
                Step.Accept(1), Step.Introduce(1), Step.Interviewing(3));
            await db.SaveChangesAsync();
            return (salesDepartment.Id, engineeringDepartment.Id);
        });

        return new ReportDataset
        {
            Tenant = tenant, Admin = admin, Manager = manager, Executive = executive, Hr = hr, Employee = employee,
            SalesA = salesA, SalesB = salesB, Engineer = engineer, Sales = sales, Engineering = engineering,
        };
    }

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    private static Task SetContactAsync(AppDbContext db, Guid id, DateTimeOffset createdAt, DateOnly? nextTouchOn) =>
        db.Contacts.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.CreatedAt, createdAt)
            .SetProperty(c => c.NextTouchOn, nextTouchOn));

    private static Interaction Touch(Guid contactId, Guid userId, DateOnly on) =>
        new() { ContactId = contactId, CreatedByUserId = userId, Kind = InteractionKind.Meeting, OccurredOn = on, CreatedAt = new DateTimeOffset(on, new TimeOnly(12, 0), TimeSpan.Zero) };

    private sealed record Planned(Guid RequesterId, Guid ConnectorId, IntroductionPurpose Purpose, MeetingChannel Channel, DateTimeOffset At)
    {
        public Guid? AskId { get; init; }
        public bool Offered { get; init; }
    }

    private sealed record Step(IntroductionEventKind Kind, int Days, IntroductionOutcome Outcome = IntroductionOutcome.None, decimal? Amount = null, string? Currency = null)
    {
        public static Step Accept(int days) => new(IntroductionEventKind.Accepted, days);
        public static Step Decline(int days) => new(IntroductionEventKind.Declined, days);
        public static Step Introduce(int days) => new(IntroductionEventKind.ConsentConfirmed, days);
        public static Step Won(int days, decimal amount, string currency) => new(IntroductionEventKind.OutcomeRecorded, days, IntroductionOutcome.Won, amount, currency);
        public static Step Hired(int days) => new(IntroductionEventKind.OutcomeRecorded, days, IntroductionOutcome.Hired);
        public static Step Engaged(int days) => new(IntroductionEventKind.OutcomeRecorded, days, IntroductionOutcome.Engaged);
        public static Step Interviewing(int days) => new(IntroductionEventKind.OutcomeRecorded, days, IntroductionOutcome.Interviewing);
    }

    /// <summary>A request and its timeline as <c>IntroductionService</c> would have written them, at the planned moments.</summary>
    private static void Add(AppDbContext db, Planned planned, params Step[] steps)
    {
        var request = new IntroductionRequest
        {
            RequesterId = planned.RequesterId, ConnectorId = planned.ConnectorId, Purpose = planned.Purpose, ContactChannel = planned.Channel,
            AskId = planned.AskId, Reason = "Report test", TargetSummary = "Someone", CreatedAt = planned.At, UpdatedAt = planned.At,
            State = planned.Offered ? IntroductionState.Accepted : IntroductionState.Requested,
        };
        db.IntroductionRequests.Add(request);
        Event(planned.Offered ? IntroductionEventKind.Offered : IntroductionEventKind.Requested, planned.At, planned.Offered ? planned.ConnectorId : planned.RequesterId);
        var at = planned.At;
        foreach (var step in steps)
        {
            at = at.AddDays(step.Days);
            switch (step.Kind)
            {
                case IntroductionEventKind.Accepted:
                    request.State = IntroductionState.Accepted;
                    request.RespondedAt = at;
                    break;
                case IntroductionEventKind.Declined:
                    request.State = IntroductionState.Declined;
                    request.RespondedAt = request.ClosedAt = at;
                    break;
                case IntroductionEventKind.ConsentConfirmed:
                    request.State = IntroductionState.Introduced;
                    request.IntroducedAt = at;
                    request.ConsentOn = DateOnly.FromDateTime(at.UtcDateTime);
                    break;
                default:
                    request.Outcome = step.Outcome;
                    request.OutcomeUpdatedAt = at;
                    request.WonAmount = step.Amount;
                    request.WonCurrency = step.Currency;
                    request.HireStartOn = step.Outcome == IntroductionOutcome.Hired ? DateOnly.FromDateTime(at.UtcDateTime).AddDays(30) : null;
                    break;
            }

            request.UpdatedAt = at;
            Event(step.Kind, at, step.Kind == IntroductionEventKind.OutcomeRecorded ? planned.RequesterId : planned.ConnectorId);
        }

        void Event(IntroductionEventKind kind, DateTimeOffset eventAt, Guid actor) => db.IntroductionEvents.Add(new IntroductionEvent
        {
            RequestId = request.Id, At = eventAt, ActorId = actor, Kind = kind, State = request.State, Outcome = request.Outcome,
        });
    }
}
