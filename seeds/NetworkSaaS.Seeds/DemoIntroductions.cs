using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;

namespace NetworkSaaS.Seeds;

/// <summary>A demo person as the seeds find them in the database.</summary>
public sealed record DemoColleague(Guid Id, int PersonIndex);

/// <summary>A colleague's contact the seeds may ask for. The seeder only ever passes Shared and Discoverable ones.</summary>
public sealed record DemoTarget(Guid Id, Guid OwnerId, string Key, string? Company, Guid? OrganizationId, string? OrganizationName, ContactVisibility Visibility, OpenTo OpenTo);

/// <summary>An ask on the board (or an open position when <see cref="IsPosition"/>), created and maybe closed at fixed times.</summary>
public sealed record DemoAskPlan(
    Guid Id, Guid AuthorId, IntroductionPurpose Purpose, string Title, string? Details, string? CompanyName, Guid? OrganizationId,
    bool IsPosition, Guid? DepartmentId, string? RewardNote, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);

public enum DemoStepKind
{
    Request,
    Offer,
    Accept,
    Decline,
    ConfirmConsent,
    Withdraw,
    Outcome,
    Message,
}

/// <summary>One product action on an introduction, by <see cref="ActorId"/>, at <see cref="At"/>.</summary>
public sealed record DemoStep(DemoStepKind Kind, DateTimeOffset At, Guid ActorId)
{
    public string? Text { get; init; }
    public IntroductionOutcome Outcome { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }

    /// <summary>The consent day (<see cref="DemoStepKind.ConfirmConsent"/>) or the start day (<see cref="IntroductionOutcome.Hired"/>).</summary>
    public DateOnly? Day { get; init; }
}

/// <summary>
/// One introduction request and the steps it goes through. <see cref="ContactId"/> is null for "anyone you know at
/// <see cref="OrganizationId"/>"; the connector then accepts with <see cref="ChosenContactId"/>.
/// </summary>
public sealed record DemoIntroductionPlan(
    Guid RequesterId, Guid ConnectorId, Guid? ContactId, Guid? OrganizationId, Guid? ChosenContactId, IntroductionPurpose Purpose,
    string Reason, Guid? AskId, IReadOnlyList<DemoStep> Steps);

public sealed record DemoIntroductionSet(IReadOnlyList<DemoAskPlan> Asks, IReadOnlyList<DemoIntroductionPlan> Introductions);

/// <summary>Plays demo asks and introductions through the application's own workflow (implemented by the web app).</summary>
public interface IDemoIntroductionWriter
{
    Task AddAsync(IServiceProvider tenantScope, DemoIntroductionSet plan, CancellationToken cancellationToken);
}

/// <summary>
/// Believable, deterministic asks and introduction requests for a demo tenant: every state, every outcome of every
/// purpose, some linked to asks and open positions, spread over the last twelve months in office hours.
/// </summary>
public static class DemoIntroductions
{
    /// <summary>Demo people by their place in <see cref="DemoTenants"/> (the same order in both tenants).</summary>
    private const int Admin = 0, Hr = 1, Manager = 2, Executive = 3, Employee = 4;

    private enum Window
    {
        Fresh,
        Recent,
        Pending,
        Progressing,
        Finished,
        Closed,
    }

    private sealed record Scenario(
        IntroductionPurpose Purpose, IntroductionState State, IntroductionOutcome Outcome = IntroductionOutcome.None, string? Ask = null,
        bool Offer = false, bool ByOrganization = false, bool AfterAccept = false, bool Message = false, bool ForeignCurrency = false);

    private sealed record AskSpec(string Key, int Author, IntroductionPurpose Purpose, bool IsPosition, int? Department, bool Closes);

    private static readonly AskSpec[] AskSpecs =
    [
        new("sales-1", Employee, IntroductionPurpose.SalesLead, false, null, false),
        new("sales-2", -1, IntroductionPurpose.SalesLead, false, null, false),
        new("sales-closed", Manager, IntroductionPurpose.SalesLead, false, null, true),
        new("hiring", -3, IntroductionPurpose.ReferralHire, false, null, false),
        new("advisor-1", Executive, IntroductionPurpose.Advisor, false, null, false),
        new("advisor-2", -4, IntroductionPurpose.Advisor, false, null, false),
        new("position-sales", Hr, IntroductionPurpose.ReferralHire, true, 1, false),
        new("position-engineering", Hr, IntroductionPurpose.ReferralHire, true, 3, false),
        new("position-marketing", Hr, IntroductionPurpose.ReferralHire, true, 4, false),
    ];

    private static readonly Scenario[] Scenarios =
    [
        new(IntroductionPurpose.SalesLead, IntroductionState.Introduced, IntroductionOutcome.Meeting, Ask: "sales-1"),
        new(IntroductionPurpose.SalesLead, IntroductionState.Introduced, IntroductionOutcome.Meeting, Message: true),
        new(IntroductionPurpose.SalesLead, IntroductionState.Introduced, IntroductionOutcome.Opportunity),
        new(IntroductionPurpose.SalesLead, IntroductionState.Introduced, IntroductionOutcome.Opportunity, Ask: "sales-2"),
        new(IntroductionPurpose.SalesLead, IntroductionState.Introduced, IntroductionOutcome.Won, Ask: "sales-closed", Message: true),
        new(IntroductionPurpose.SalesLead, IntroductionState.Introduced, IntroductionOutcome.Won, ForeignCurrency: true),
        new(IntroductionPurpose.SalesLead, IntroductionState.Introduced, IntroductionOutcome.Won, ByOrganization: true),
        new(IntroductionPurpose.SalesLead, IntroductionState.Introduced, IntroductionOutcome.Lost),
        new(IntroductionPurpose.SalesLead, IntroductionState.Introduced, IntroductionOutcome.Lost, Message: true),
        new(IntroductionPurpose.SalesLead, IntroductionState.Introduced),
        new(IntroductionPurpose.ReferralHire, IntroductionState.Introduced, IntroductionOutcome.Applied, Ask: "position-engineering"),
        new(IntroductionPurpose.ReferralHire, IntroductionState.Introduced, IntroductionOutcome.Interviewing, Ask: "position-sales", Offer: true),
        new(IntroductionPurpose.ReferralHire, IntroductionState.Introduced, IntroductionOutcome.Offer, Ask: "hiring"),
        new(IntroductionPurpose.ReferralHire, IntroductionState.Introduced, IntroductionOutcome.Hired, Ask: "position-engineering", Offer: true, Message: true),
        new(IntroductionPurpose.ReferralHire, IntroductionState.Introduced, IntroductionOutcome.Hired),
        new(IntroductionPurpose.ReferralHire, IntroductionState.Introduced, IntroductionOutcome.NotHired, Ask: "position-marketing"),
        new(IntroductionPurpose.Advisor, IntroductionState.Introduced, IntroductionOutcome.Engaged, Ask: "advisor-1"),
        new(IntroductionPurpose.Advisor, IntroductionState.Introduced, IntroductionOutcome.Engaged),
        new(IntroductionPurpose.Advisor, IntroductionState.Introduced, IntroductionOutcome.NotEngaged, Ask: "advisor-2"),
        new(IntroductionPurpose.Advisor, IntroductionState.Introduced),
        new(IntroductionPurpose.SalesLead, IntroductionState.Requested, Message: true),
        new(IntroductionPurpose.SalesLead, IntroductionState.Requested, Ask: "sales-1"),
        new(IntroductionPurpose.ReferralHire, IntroductionState.Requested, Ask: "position-marketing"),
        new(IntroductionPurpose.Advisor, IntroductionState.Requested),
        new(IntroductionPurpose.SalesLead, IntroductionState.Accepted, ByOrganization: true),
        new(IntroductionPurpose.ReferralHire, IntroductionState.Accepted, Ask: "position-sales", Offer: true),
        new(IntroductionPurpose.Advisor, IntroductionState.Accepted, Message: true),
        new(IntroductionPurpose.SalesLead, IntroductionState.Declined),
        new(IntroductionPurpose.ReferralHire, IntroductionState.Declined),
        new(IntroductionPurpose.Advisor, IntroductionState.Declined, AfterAccept: true),
        new(IntroductionPurpose.SalesLead, IntroductionState.Declined, Ask: "sales-2", AfterAccept: true),
        new(IntroductionPurpose.SalesLead, IntroductionState.Withdrawn),
        new(IntroductionPurpose.ReferralHire, IntroductionState.Withdrawn, AfterAccept: true),
        new(IntroductionPurpose.Advisor, IntroductionState.Withdrawn, Message: true),
    ];

    /// <summary>
    /// The plan for one tenant. Deterministic for the same people, contacts and day: fixed seeds, targets taken in the
    /// order of their keys, times counted back from the start of the company's day.
    /// </summary>
    public static DemoIntroductionSet Plan(
        DemoTenant tenant, IReadOnlyList<DemoColleague> people, IReadOnlyDictionary<string, Guid> departments, IReadOnlyList<DemoTarget> targets,
        TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(zone);
        var japanese = tenant.Culture == "ja";

        // Times count back from the start of the company's day, so one day's seeding is the same whatever the hour.
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var midnight = new DateTimeOffset(today, zone.GetUtcOffset(today)).ToUniversalTime();
        var builder = new Builder(tenant, people, departments, targets, zone, midnight, japanese);
        return builder.Build();
    }

    private sealed class Builder(
        DemoTenant tenant, IReadOnlyList<DemoColleague> people, IReadOnlyDictionary<string, Guid> departments, IReadOnlyList<DemoTarget> targets,
        TimeZoneInfo zone, DateTimeOffset now, bool japanese)
    {
        /// <summary>Who, whom, what and when: a fixed seed per tenant.</summary>
        private readonly Random random = new(japanese ? 20_260_401 : 20_260_402);

        /// <summary>Minutes added when a moment is moved into office hours: a stream of its own, so the choices above never depend on the clock.</summary>
        private readonly Random jitter = new(japanese ? 1_401 : 1_402);

        private readonly HashSet<Guid> used = [];
        private readonly HashSet<Guid> askedOrganizations = [];
        private readonly List<DemoTarget> available = [.. targets
            .Where(t => t.Visibility != ContactVisibility.Private && !string.Equals(t.Company, tenant.Name, StringComparison.Ordinal))
            .OrderBy(t => t.Key, StringComparer.Ordinal)];

        private readonly DateTimeOffset latest = now.AddHours(-1);

        public DemoIntroductionSet Build()
        {
            var asks = AskSpecs.ToDictionary(a => a.Key, CreateAsk);
            var plans = new List<DemoIntroductionPlan>();
            var starts = Starts();
            for (var i = 0; i < Scenarios.Length; i++)
            {
                var scenario = Scenarios[i];
                var ask = scenario.Ask is null ? null : asks[scenario.Ask];
                plans.Add(Introduction(scenario, ask, starts[i]));
            }

            // An ask exists a little before the first request that answers it, and the closed one closes after its win.
            var planned = new List<DemoAskPlan>();
            foreach (var spec in AskSpecs)
            {
                var ask = asks[spec.Key];
                var linked = plans.Where(p => p.AskId == ask.Id).ToList();
                var first = linked.Count > 0 ? linked.Min(p => p.Steps[0].At) : now.AddDays(-20 - random.Next(150));
                var created = OfficeHours(first.AddDays(-2 - random.Next(12)).AddHours(-random.Next(8)), backwards: true);
                DateTimeOffset? closed = null;
                if (spec.Closes)
                {
                    var last = linked.Count > 0 ? linked.Max(p => p.Steps[^1].At) : created.AddDays(30);
                    closed = Min(OfficeHours(last.AddDays(1 + random.Next(3))), latest);
                }

                planned.Add(ask with { CreatedAt = created, ClosedAt = closed });
            }

            return new DemoIntroductionSet(planned, plans);
        }

        /// <summary>When each scenario starts: stratified over its window so every part of the year gets some.</summary>
        private DateTimeOffset[] Starts()
        {
            var starts = new DateTimeOffset[Scenarios.Length];
            foreach (var group in Enumerable.Range(0, Scenarios.Length).GroupBy(i => WindowOf(Scenarios[i])))
            {
                var (from, to) = Days(group.Key);
                var members = group.OrderBy(_ => random.Next()).ToList();
                for (var k = 0; k < members.Count; k++)
                {
                    var days = from + ((to - from) * (k + random.NextDouble()) / members.Count);
                    starts[members[k]] = OfficeHours(now.AddDays(-days));
                }
            }

            return starts;
        }

        private static Window WindowOf(Scenario s) => s switch
        {
            { State: IntroductionState.Requested } => Window.Fresh,
            { State: IntroductionState.Accepted } => Window.Pending,
            { State: IntroductionState.Introduced, Outcome: IntroductionOutcome.None } => Window.Recent,
            { State: IntroductionState.Introduced } when s.Outcome is IntroductionOutcome.Meeting or IntroductionOutcome.Applied
                or IntroductionOutcome.Interviewing or IntroductionOutcome.Opportunity or IntroductionOutcome.Offer => Window.Progressing,
            { State: IntroductionState.Introduced } => Window.Finished,
            _ => Window.Closed,
        };

        private static (double From, double To) Days(Window window) => window switch
        {
            Window.Fresh => (1, 14),
            Window.Pending => (3, 28),
            Window.Recent => (12, 40),
            Window.Progressing => (40, 200),
            Window.Finished => (90, 355),
            _ => (20, 350),
        };

        private DemoAskPlan CreateAsk(AskSpec spec)
        {
            var author = Person(spec.Author);
            string title;
            string? details, company = null, reward = null;
            Guid? organizationId = null, departmentId = null;
            switch (spec.Key)
            {
                case "sales-1" or "sales-2" or "sales-closed":
                    var organization = SalesOrganization(author.Id);
                    company = organization.OrganizationName;
                    organizationId = organization.OrganizationId;
                    (title, details) = spec.Key switch
                    {
                        "sales-1" => T($"{organization.Company}の購買部門の方を紹介してください", "来期の物流DX提案に向けて、購買・調達の決裁に関わる方と30分お話ししたいです。",
                            $"Intro to purchasing at {organization.Company}", "We're preparing next year's logistics proposal and need 30 minutes with someone who signs off purchasing."),
                        "sales-2" => T($"{organization.Company}の情報システム部門につないでほしい", "既存システムの更新時期と聞きました。IT部門のキーパーソンを探しています。",
                            $"Looking for IT leadership at {organization.Company}", "Their systems renewal is coming up; I'm looking for whoever leads IT."),
                        _ => T($"{organization.Company}の経営層にご挨拶したい", "業務提携の可能性について、役員クラスの方とお話しできればと思います。",
                            $"Executive contact at {organization.Company}", "Exploring a partnership; ideally someone at director level."),
                    };
                    break;
                case "hiring":
                    (title, details) = T("SRE経験のあるエンジニアを探しています", "Kubernetes運用の経験者を開発部で探しています。正式な求人の前に、まずはカジュアル面談から。",
                        "Looking for an SRE with Kubernetes experience", "Engineering needs someone who has run Kubernetes in production; a casual chat first, no formal process yet.");
                    break;
                case "advisor-1":
                    (title, details) = T("資本政策・IPO準備に詳しい顧問を探しています", "月1回程度、資本政策と監査法人選定について助言をいただける方。",
                        "Advisor for our Series B fundraising", "Someone who has raised a Series B and can give us an hour a month.");
                    break;
                case "advisor-2":
                    (title, details) = T("BtoBマーケティングのメンターを探しています", "コンテンツマーケティングとイベント集客の経験がある方に相談したいです。",
                        "Mentor for B2B content marketing", "I'd like a mentor who has grown a B2B audience through content and events.");
                    break;
                default:
                    departmentId = departments.TryGetValue(tenant.Departments[spec.Department!.Value], out var department) ? department : null;
                    (title, details, reward) = spec.Key switch
                    {
                        "position-sales" => T3("法人営業（製造業担当）", "製造業のお客様を担当する法人営業。業界経験3年以上歓迎。", "紹介報奨金 30万円（入社3か月後に支給）",
                            "Enterprise Account Executive (Manufacturing)", "Owns our manufacturing accounts; three or more years in the industry is a plus.", "£2,000 referral bonus, paid after three months"),
                        "position-engineering" => T3("バックエンドエンジニア（Go / クラウド）", "Goでの開発経験とクラウド運用の経験がある方。リモート可。", "紹介報奨金 50万円",
                            "Senior Backend Engineer (Go, cloud)", "Go in production and hands-on cloud operations; remote-friendly.", "£3,000 referral bonus"),
                        _ => T3("コンテンツマーケター", "BtoB向けのコンテンツ企画と制作をリードする方。", "紹介報奨金 20万円",
                            "Content Marketing Manager", "Leads our B2B content from plan to publication.", "£1,500 referral bonus"),
                    };
                    break;
            }

            return new DemoAskPlan(Guid.CreateVersion7(), author.Id, spec.Purpose, title, details, company, organizationId, spec.IsPosition,
                departmentId, reward, now, null);
        }

        private DemoTarget SalesOrganization(Guid authorId)
        {
            var organization = available
                .Where(t => t.OrganizationId is not null && t.OwnerId != authorId && !askedOrganizations.Contains(t.OrganizationId.Value))
                .GroupBy(t => t.OrganizationId)
                .Where(g => g.Count() >= 2)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.First().OrganizationName, StringComparer.Ordinal)
                .First().First();
            askedOrganizations.Add(organization.OrganizationId!.Value);
            return organization;
        }

        private DemoIntroductionPlan Introduction(Scenario scenario, DemoAskPlan? ask, DateTimeOffset start)
        {
            var requester = ask is not null ? people.Single(p => p.Id == ask.AuthorId) : Requester(scenario.Purpose);
            var target = PickTarget(scenario, requester.Id, ask);
            used.Add(target.Id);
            var company = target.Company ?? "";
            var reason = scenario.Offer && ask is not null ? ask.Title : Reason(scenario.Purpose, company, ask);
            var connector = target.OwnerId;
            var steps = new List<DemoStep>();
            var at = start;
            steps.Add(new DemoStep(scenario.Offer ? DemoStepKind.Offer : DemoStepKind.Request, at, scenario.Offer ? connector : requester.Id)
            {
                Text = scenario.Offer ? OfferNote() : null,
            });

            if (scenario.Message && scenario.State == IntroductionState.Requested)
            {
                at = Later(at, 0.1, 2);
                steps.Add(new DemoStep(DemoStepKind.Message, at, requester.Id) { Text = RequesterMessage() });
            }

            var accepted = scenario.Offer;
            if (!accepted && (scenario.State is IntroductionState.Accepted or IntroductionState.Introduced || scenario.AfterAccept))
            {
                at = Later(at, 0.2, 4);
                steps.Add(new DemoStep(DemoStepKind.Accept, at, connector));
                accepted = true;
            }

            if (accepted && scenario.Message && scenario.State != IntroductionState.Requested)
            {
                at = Later(at, 0.5, 3);
                steps.Add(new DemoStep(DemoStepKind.Message, at, connector) { Text = ConnectorMessage() });
            }

            switch (scenario.State)
            {
                case IntroductionState.Declined:
                    at = Later(at, 0.5, 5);
                    steps.Add(new DemoStep(DemoStepKind.Decline, at, connector) { Text = DeclineReason(scenario.AfterAccept) });
                    break;
                case IntroductionState.Withdrawn:
                    if (scenario.Message)
                    {
                        at = Later(at, 0.5, 4);
                        steps.Add(new DemoStep(DemoStepKind.Message, at, requester.Id) { Text = WithdrawMessage() });
                    }

                    at = Later(at, 1, 12);
                    steps.Add(new DemoStep(DemoStepKind.Withdraw, at, requester.Id));
                    break;
                case IntroductionState.Introduced:
                    at = Later(at, 2, 12);
                    var consentOn = DayOf(at).AddDays(-random.Next(2));
                    var firstDay = DayOf(start);
                    steps.Add(new DemoStep(DemoStepKind.ConfirmConsent, at, connector) { Day = consentOn < firstDay ? firstDay : consentOn });
                    if (scenario.Message && scenario.Purpose == IntroductionPurpose.SalesLead)
                    {
                        at = Later(at, 0.2, 2);
                        steps.Add(new DemoStep(DemoStepKind.Message, at, requester.Id) { Text = ThanksMessage() });
                    }

                    var path = Path(scenario.Outcome);
                    for (var i = 0; i < path.Count; i++)
                    {
                        at = i == 0 ? Later(at, 4, 15) : Later(at, 10, 35);
                        steps.Add(OutcomeStep(path[i], at, requester.Id, scenario.ForeignCurrency, final: i == path.Count - 1));
                    }

                    break;
                default:
                    break;
            }

            steps = Fit(steps);
            return new DemoIntroductionPlan(
                requester.Id, connector, scenario.ByOrganization ? null : target.Id, scenario.ByOrganization ? target.OrganizationId : null,
                scenario.ByOrganization ? target.Id : null, scenario.Purpose, reason, ask?.Id, steps);
        }

        /// <summary>Moves a timeline back by whole weeks (weekdays stay weekdays) when it would end in the future.</summary>
        private List<DemoStep> Fit(List<DemoStep> steps)
        {
            if (steps[^1].At <= latest)
            {
                return steps;
            }

            var days = 7 * Math.Ceiling((steps[^1].At - latest).TotalDays / 7);
            return [.. steps.Select(s => s with
            {
                At = s.At.AddDays(-days),
                Day = s.Kind == DemoStepKind.ConfirmConsent ? s.Day?.AddDays(-(int)days) : s.Day,
            })];
        }

        private DemoStep OutcomeStep(IntroductionOutcome outcome, DateTimeOffset at, Guid requesterId, bool foreignCurrency, bool final)
        {
            var step = new DemoStep(DemoStepKind.Outcome, at, requesterId) { Outcome = outcome, Text = final ? OutcomeNote(outcome) : null };
            return outcome switch
            {
                IntroductionOutcome.Won when japanese != foreignCurrency => step with
                {
                    Amount = new[] { 1_200_000m, 3_600_000m, 4_800_000m, 8_500_000m, 12_000_000m }[random.Next(5)], Currency = "JPY",
                },
                IntroductionOutcome.Won => step with { Amount = new[] { 18_000m, 42_500m, 65_000m, 120_000m }[random.Next(4)], Currency = "USD" },
                IntroductionOutcome.Hired => step with { Day = FirstOfMonthAfter(DayOf(at).AddDays(25 + random.Next(30))) },
                _ => step,
            };
        }

        private static DateOnly FirstOfMonthAfter(DateOnly day) => new DateOnly(day.Year, day.Month, 1).AddMonths(1);

        private IReadOnlyList<IntroductionOutcome> Path(IntroductionOutcome outcome) => outcome switch
        {
            IntroductionOutcome.None => [],
            IntroductionOutcome.Meeting => [IntroductionOutcome.Meeting],
            IntroductionOutcome.Opportunity => [IntroductionOutcome.Meeting, IntroductionOutcome.Opportunity],
            IntroductionOutcome.Won => [IntroductionOutcome.Meeting, IntroductionOutcome.Opportunity, IntroductionOutcome.Won],
            IntroductionOutcome.Lost => random.Next(2) == 0
                ? [IntroductionOutcome.Meeting, IntroductionOutcome.Lost]
                : [IntroductionOutcome.Meeting, IntroductionOutcome.Opportunity, IntroductionOutcome.Lost],
            IntroductionOutcome.Applied => [IntroductionOutcome.Applied],
            IntroductionOutcome.Interviewing => [IntroductionOutcome.Applied, IntroductionOutcome.Interviewing],
            IntroductionOutcome.Offer => [IntroductionOutcome.Applied, IntroductionOutcome.Interviewing, IntroductionOutcome.Offer],
            IntroductionOutcome.Hired => [IntroductionOutcome.Applied, IntroductionOutcome.Interviewing, IntroductionOutcome.Offer, IntroductionOutcome.Hired],
            IntroductionOutcome.NotHired => [IntroductionOutcome.Applied, IntroductionOutcome.Interviewing, IntroductionOutcome.NotHired],
            _ => [outcome],
        };

        private DemoColleague Requester(IntroductionPurpose purpose)
        {
            int[] pool = purpose switch
            {
                IntroductionPurpose.SalesLead => [Manager, Employee, Executive, Index(-1), Index(-4)],
                IntroductionPurpose.ReferralHire => [Hr, Manager, Index(-3), Index(-4)],
                _ => [Executive, Admin, Index(-3), Index(-4), Employee],
            };
            return Person(pool[random.Next(pool.Length)]);
        }

        /// <summary>
        /// A non-Private contact of a colleague other than the requester: at the ask's company for a sales ask, Shared
        /// for a request by organization, open to the purpose when there is one. Connectors are picked in turn.
        /// </summary>
        private DemoTarget PickTarget(Scenario scenario, Guid requesterId, DemoAskPlan? ask)
        {
            var candidates = available.Where(t => t.OwnerId != requesterId && !used.Contains(t.Id)).ToList();
            if (ask?.OrganizationId is { } organizationId)
            {
                candidates = [.. candidates.Where(t => t.OrganizationId == organizationId)];
            }

            if (scenario.ByOrganization)
            {
                candidates = [.. candidates.Where(t => t.Visibility == ContactVisibility.Shared && t.OrganizationId is not null)];
            }

            var flag = scenario.Purpose switch
            {
                IntroductionPurpose.SalesLead => OpenTo.SalesIntroductions,
                IntroductionPurpose.ReferralHire => OpenTo.Hiring,
                _ => OpenTo.Advising,
            };
            var open = candidates.Where(t => t.OpenTo.HasFlag(flag)).ToList();
            if (open.Count > 0)
            {
                candidates = open;
            }

            if (candidates.Count == 0)
            {
                throw new InvalidOperationException($"No demo contact left for a {scenario.Purpose} introduction in {tenant.Slug}.");
            }

            var connectors = candidates.Select(t => t.OwnerId).Distinct().ToList();
            var connector = connectors[random.Next(connectors.Count)];
            var theirs = candidates.Where(t => t.OwnerId == connector).ToList();
            return theirs[random.Next(theirs.Count)];
        }

        /// <summary>Non-negative: a place in <see cref="DemoTenants"/>; negative: the first person without a login in that department.</summary>
        private int Index(int spec) =>
            spec >= 0 ? spec : Enumerable.Range(0, tenant.People.Count).First(i => tenant.People[i].Role is null && tenant.People[i].Department == tenant.Departments[-spec]);

        private DemoColleague Person(int spec) => people.Single(p => p.PersonIndex == Index(spec));

        private DateTimeOffset Later(DateTimeOffset at, double minDays, double maxDays) =>
            OfficeHours(at.AddHours(24 * (minDays + (random.NextDouble() * (maxDays - minDays)))).AddMinutes(20));

        /// <summary>Moves a moment into the next (or, backwards, the previous) weekday between 9:00 and 19:00 in the company's time zone.</summary>
        private DateTimeOffset OfficeHours(DateTimeOffset at, bool backwards = false)
        {
            var local = TimeZoneInfo.ConvertTime(at, zone);
            var minutes = (local.Hour * 60) + local.Minute;
            if (minutes < 9 * 60)
            {
                at = backwards ? at.AddMinutes(-minutes - (5 * 60) - 1 - jitter.Next(60)) : at.AddMinutes((9 * 60) - minutes + jitter.Next(90));
            }
            else if (minutes >= 19 * 60)
            {
                at = backwards ? at.AddMinutes((18 * 60) - minutes - jitter.Next(60)) : at.AddMinutes((33 * 60) - minutes + jitter.Next(90));
            }

            var day = TimeZoneInfo.ConvertTime(at, zone).DayOfWeek;
            var shift = day switch
            {
                DayOfWeek.Saturday => backwards ? -1 : 2,
                DayOfWeek.Sunday => backwards ? -2 : 1,
                _ => 0,
            };
            return at.AddDays(shift);
        }

        private DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

        private (string Title, string Details) T(string jaTitle, string jaDetails, string enTitle, string enDetails) =>
            japanese ? (jaTitle, jaDetails) : (enTitle, enDetails);

        private (string Title, string Details, string Reward) T3(string jaTitle, string jaDetails, string jaReward, string enTitle, string enDetails, string enReward) =>
            japanese ? (jaTitle, jaDetails, jaReward) : (enTitle, enDetails, enReward);

        private string One(string[] ja, string[] en) => japanese ? ja[random.Next(ja.Length)] : en[random.Next(en.Length)];

        private string Reason(IntroductionPurpose purpose, string company, DemoAskPlan? ask) => purpose switch
        {
            IntroductionPurpose.SalesLead when ask is not null => japanese
                ? $"掲示板の「{ask.Title}」の件です。{company}のご担当に提案の機会をいただければと思います。"
                : $"This is about my ask \"{ask.Title}\". A short call with the right person at {company} would be a great start.",
            IntroductionPurpose.SalesLead => One(
                [
                    $"{company}に物流DXの提案を考えています。意思決定に関わる方と30分ほどお話しできればと思います。",
                    $"{company}とは展示会で接点がありましたが、決裁者につながっていません。ご紹介いただけると助かります。",
                    $"来期予算の策定時期と聞きました。{company}のご担当にご挨拶させてください。",
                    $"{company}の新工場の件で、設備まわりのご相談ができればと思っています。",
                ],
                [
                    $"We're pitching our logistics platform to {company}; 30 minutes with someone who owns the budget would help a lot.",
                    $"We met {company} at a trade show but never reached the decision maker. Would you introduce me?",
                    $"I hear {company} is planning next year's budget; I'd love a short intro call.",
                    $"{company} is opening a new site and our team could help with the roll-out.",
                ]),
            IntroductionPurpose.ReferralHire when ask is { IsPosition: true } => japanese
                ? $"「{ask.Title}」のポジションにぴったりの経歴だと思います。まずはカジュアル面談をお願いできませんか。"
                : $"Their background fits our \"{ask.Title}\" opening. Could we start with an informal chat?",
            IntroductionPurpose.ReferralHire when ask is not null => japanese
                ? $"掲示板の「{ask.Title}」の件です。経験がぴったりなので、まずはカジュアルにお話ししたいです。"
                : $"About my ask \"{ask.Title}\": their experience is exactly what we need. An informal chat first?",
            IntroductionPurpose.Advisor when ask is not null => japanese
                ? $"掲示板の「{ask.Title}」の件です。ご経験をぜひ伺いたく、一度お時間をいただけないでしょうか。"
                : $"About my ask \"{ask.Title}\": they've done exactly this. Could you ask whether they'd have an hour?",
            IntroductionPurpose.ReferralHire => One(
                [
                    "開発部でバックエンドエンジニアを採用中です。転職を考えていそうならカジュアル面談をお願いしたいです。",
                    "営業部の増員を計画しています。リファラル採用の候補としてご紹介いただけないでしょうか。",
                    "プロダクトマネージャー候補として一度お話を聞いてみたいです。",
                ],
                [
                    "Engineering is hiring backend developers; if they're open to a move, an informal chat would be great.",
                    "We're growing the sales team. Would you introduce them as a referral candidate?",
                    "I'd like to talk to them about our product manager role.",
                ]),
            _ => One(
                [
                    "資本政策について月1回アドバイスをいただける方を探しています。",
                    "新規事業の立ち上げ経験がある方に、メンターとして相談に乗っていただきたいです。",
                    "海外展開の進め方について、経験者の意見を伺いたいです。",
                ],
                [
                    "We're looking for someone to advise us monthly on fundraising.",
                    "I'd value a mentor who has launched a new business line before.",
                    "We're planning our EU expansion and would love advice from someone who has done it.",
                ]),
        };

        private string? OfferNote() => One(
            ["前職の同僚です。ちょうど転職を考えていると聞きました。", "このポジションに合いそうな知人がいます。"],
            ["A former colleague of mine; I hear they're open to a move.", "I know someone who would fit this role well."]);

        private string RequesterMessage() => One(
            ["補足です。提案資料はこちらで準備済みですので、先方のご都合に合わせます。", "急ぎではありませんので、タイミングが合うときにお願いします。"],
            ["For context: the deck is ready whenever they are.", "No rush at all; whenever the timing suits them."]);

        private string ConnectorMessage() => One(
            ["先方に打診しました。来週中に返事をもらえる予定です。", "本人に確認中です。少しお待ちください。"],
            ["I've asked them; expect an answer next week.", "Checking with them now, give me a few days."]);

        private string ThanksMessage() => One(
            ["ご紹介ありがとうございました！来週お会いすることになりました。"],
            ["Thanks for the intro! We're meeting next week."]);

        private string WithdrawMessage() => One(
            ["社内で別ルートから接点ができたので、取り下げます。"],
            ["We found another way in, so I'll withdraw this one."]);

        private string DeclineReason(bool afterAccept) => afterAccept
            ? One(["先方に確認したところ、今回は見送りたいとのことでした。", "先方が転職したばかりで、今は控えたいそうです。"],
                ["I asked, and they'd rather not right now.", "They've just changed jobs and want to wait a while."])
            : One(["先方は現在、既存ベンダーと複数年契約中とのことです。", "私との関係がまだ浅く、紹介できる段階ではありません。", "先方は多忙な時期なので、来期にもう一度ご相談ください。"],
                ["They're locked into a multi-year contract with another vendor.", "I don't know them well enough to introduce anyone yet.", "It's their busiest season; please ask again next quarter."]);

        private string? OutcomeNote(IntroductionOutcome outcome) => outcome switch
        {
            IntroductionOutcome.Won => One(["年間契約で受注しました。ご紹介に感謝します！"], ["Signed an annual contract. Thank you for the intro!"]),
            IntroductionOutcome.Lost => One(["価格面で他社に決まりました。"], ["They went with a cheaper competitor."]),
            IntroductionOutcome.Hired => One(["入社が決まりました！ありがとうございました。"], ["They accepted our offer. Thanks so much!"]),
            IntroductionOutcome.NotHired => One(["今回は条件が合いませんでした。"], ["We couldn't agree on terms this time."]),
            IntroductionOutcome.Engaged => One(["月1回の顧問契約を結びました。"], ["They agreed to a monthly advisory session."]),
            IntroductionOutcome.NotEngaged => One(["先方の時間が取れず、今回は見送りです。"], ["They don't have the time at the moment."]),
            _ => null,
        };
    }
}
