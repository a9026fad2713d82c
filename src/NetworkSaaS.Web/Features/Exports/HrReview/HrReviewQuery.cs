using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Web.Features.Accounts;

namespace NetworkSaaS.Web.Features.Exports.HrReview;

/// <summary>
/// The HR review's figures for a period and a department (or the company), from a few grouped queries: each figure
/// counts what happened in the period by its own moment (a contact's creation, an interaction's day, a request's
/// creation, the timeline event of an answer, an introduction or an outcome). Active employees only.
/// </summary>
public sealed class HrReviewQuery(AppDbContext db)
{
    private static readonly IntroductionEventKind[] CountedEvents =
    [
        IntroductionEventKind.Offered, IntroductionEventKind.Accepted, IntroductionEventKind.Declined,
        IntroductionEventKind.ConsentConfirmed, IntroductionEventKind.OutcomeRecorded,
    ];

    private sealed record RequestFacts(
        Guid Id, Guid RequesterId, Guid ConnectorId, IntroductionPurpose Purpose, IntroductionState State, IntroductionOutcome Outcome,
        decimal? WonAmount, string? WonCurrency, DateOnly? HireStartOn, DateTimeOffset CreatedAt, DateTimeOffset? RespondedAt,
        DateTimeOffset? IntroducedAt, DateTimeOffset? OutcomeUpdatedAt, bool IsOffer, string? Company, string? Ask);

    private sealed record EventFact(Guid RequestId, IntroductionEventKind Kind, IntroductionOutcome Outcome);

    public async Task<HrReviewData> LoadAsync(HrReviewPeriod period, Guid? departmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (start, end, from, to) = (period.Start, period.End, period.From, period.To);
        var people = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && (departmentId == null || u.DepartmentId == departmentId))
            .Select(u => new { u.Id, u.DisplayName, u.DisplayNameKana, u.Email, Department = u.Department == null ? null : u.Department.Name, u.Title })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var employees = people
            .OrderBy(p => p.DisplayNameKana ?? p.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id)
            .Select(p => new HrEmployee(p.Id, p.DisplayName, p.Email, p.Department, p.Title))
            .ToList();
        var figures = employees.ToDictionary(e => e.Id, _ => new HrFigures());
        var ids = figures.Keys.ToArray();
        var oneDepartment = departmentId is not null;

        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => c.CreatedAt >= start && c.CreatedAt < end && (!oneDepartment || ids.Contains(c.OwnerId)))
            .GroupBy(c => c.OwnerId).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var interactions = await db.Interactions.AsNoTracking()
            .Where(i => i.OccurredOn >= from && i.OccurredOn <= to && (!oneDepartment || ids.Contains(i.CreatedByUserId)))
            .GroupBy(i => i.CreatedByUserId).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var c in contacts.Where(c => figures.ContainsKey(c.Key)))
        {
            figures[c.Key].ContactsAdded = c.Count;
        }

        foreach (var i in interactions.Where(i => figures.ContainsKey(i.Key)))
        {
            figures[i.Key].Interactions = i.Count;
        }

        var requests = await db.IntroductionRequests.AsNoTracking()
            .Where(r => (r.CreatedAt >= start && r.CreatedAt < end)
                        || db.IntroductionEvents.Any(e => e.RequestId == r.Id && e.At >= start && e.At < end && CountedEvents.Contains(e.Kind)))
            .Where(r => !oneDepartment || ids.Contains(r.RequesterId) || ids.Contains(r.ConnectorId))
            .Select(r => new RequestFacts(
                r.Id, r.RequesterId, r.ConnectorId, r.Purpose, r.State, r.Outcome, r.WonAmount, r.WonCurrency, r.HireStartOn,
                r.CreatedAt, r.RespondedAt, r.IntroducedAt, r.OutcomeUpdatedAt,
                db.IntroductionEvents.Any(e => e.RequestId == r.Id && e.Kind == IntroductionEventKind.Offered),
                db.Organizations.Where(o => o.Id == r.OrganizationId).Select(o => o.Name).FirstOrDefault(),
                db.Asks.Where(a => a.Id == r.AskId).Select(a => a.Title).FirstOrDefault()))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var events = (await db.IntroductionEvents.AsNoTracking()
                .Where(e => e.At >= start && e.At < end && CountedEvents.Contains(e.Kind))
                .Select(e => new EventFact(e.RequestId, e.Kind, e.Outcome))
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(e => e.RequestId);

        var colleagues = await UserNames.ForAsync(db, requests.SelectMany(r => new[] { r.RequesterId, r.ConnectorId }), cancellationToken).ConfigureAwait(false);
        var responseHours = ids.ToDictionary(id => id, _ => new List<double>());
        var details = new List<HrIntroductionRow>();
        var currencies = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            var requester = figures.GetValueOrDefault(request.RequesterId);
            var connector = figures.GetValueOrDefault(request.ConnectorId);
            if (requester is null && connector is null)
            {
                continue;
            }

            if (period.Contains(request.CreatedAt))
            {
                connector?.AsConnector += 1;
                requester?.AsRequester += 1;
            }

            foreach (var e in events[request.Id])
            {
                Count(e, request, requester, connector, currencies);
            }

            if (connector is not null && !request.IsOffer && period.Contains(request.RespondedAt))
            {
                responseHours[request.ConnectorId].Add(Hours(request));
            }

            foreach (var (employee, side, colleague) in new[]
                     {
                         (requester is null ? (Guid?)null : request.RequesterId, IntroductionSide.Requester, request.ConnectorId),
                         (connector is null ? (Guid?)null : request.ConnectorId, IntroductionSide.Connector, request.RequesterId),
                     })
            {
                if (employee is { } id)
                {
                    details.Add(Detail(request, period, id, colleagues.GetValueOrDefault(id, ""), side, colleagues.GetValueOrDefault(colleague, "")));
                }
            }
        }

        foreach (var (id, hours) in responseHours)
        {
            figures[id].MedianResponseHours = Median(hours);
        }

        var departmentName = departmentId is null
            ? null
            : await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var order = employees.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return new HrReviewData(
            period,
            departmentName,
            [.. employees.Select(e => new HrReviewRow(e, figures[e.Id]))],
            [.. details.OrderBy(d => order[d.EmployeeId]).ThenBy(d => d.RequestedOn).ThenBy(d => d.Side)],
            [.. currencies]);
    }

    private static void Count(EventFact e, RequestFacts request, HrFigures? requester, HrFigures? connector, SortedSet<string> currencies)
    {
        switch (e.Kind)
        {
            case IntroductionEventKind.Accepted or IntroductionEventKind.Offered:
                connector?.Accepted += 1;
                break;
            case IntroductionEventKind.Declined:
                connector?.Declined += 1;
                break;
            case IntroductionEventKind.ConsentConfirmed:
                connector?.IntroductionsMade += 1;
                break;
            case IntroductionEventKind.OutcomeRecorded when e.Outcome == IntroductionOutcome.Won:
                foreach (var side in new[] { requester, connector }.OfType<HrFigures>())
                {
                    side.LeadsWon++;
                    if (request is { WonAmount: { } amount, WonCurrency: { } currency })
                    {
                        side.WonAmounts[currency] = side.WonAmounts.GetValueOrDefault(currency) + amount;
                        currencies.Add(currency);
                    }
                }

                break;
            case IntroductionEventKind.OutcomeRecorded when e.Outcome == IntroductionOutcome.Hired:
                foreach (var side in new[] { requester, connector }.OfType<HrFigures>())
                {
                    side.ReferralHires++;
                }

                break;
            case IntroductionEventKind.OutcomeRecorded when e.Outcome == IntroductionOutcome.Engaged:
                foreach (var side in new[] { requester, connector }.OfType<HrFigures>())
                {
                    side.AdvisorEngagements++;
                }

                break;
        }
    }

    private static HrIntroductionRow Detail(RequestFacts r, HrReviewPeriod period, Guid employeeId, string employee, IntroductionSide side, string colleague) =>
        new(employeeId, employee, side, colleague, r.Purpose, r.Company, r.Ask,
            period.LocalDay(r.CreatedAt), r.State,
            r.RespondedAt is { } responded ? period.LocalDay(responded) : null,
            r.RespondedAt is not null && !r.IsOffer ? Hours(r) : null,
            r.IntroducedAt is { } introduced ? period.LocalDay(introduced) : null,
            r.Outcome,
            r.Outcome != IntroductionOutcome.None && r.OutcomeUpdatedAt is { } outcomeAt ? period.LocalDay(outcomeAt) : null,
            r.Outcome == IntroductionOutcome.Won ? r.WonAmount : null,
            r.Outcome == IntroductionOutcome.Won ? r.WonCurrency : null,
            r.Outcome == IntroductionOutcome.Hired ? r.HireStartOn : null);

    private static double Hours(RequestFacts r) => (r.RespondedAt!.Value - r.CreatedAt).TotalHours;

    public static double? Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
