using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Seeds;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Notifications;

namespace NetworkSaaS.Web.Features.Introductions;

/// <summary>
/// Lets the demo seeds play asks and introductions through <see cref="IntroductionService"/>, so seeded requests obey
/// the product's rules. Every step runs at its planned moment on a private clock, which backdates the request, its
/// timeline and its notifications alike. All of it is one transaction: a failure leaves nothing half-seeded.
/// </summary>
public sealed class DemoIntroductionWriter : IDemoIntroductionWriter
{
    /// <summary>Notifications older than this are seeded as read, as a real user would have left them.</summary>
    private static readonly TimeSpan ReadAfter = TimeSpan.FromDays(14);

    public async Task AddAsync(IServiceProvider tenantScope, DemoIntroductionSet plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantScope);
        ArgumentNullException.ThrowIfNull(plan);
        var db = tenantScope.GetRequiredService<AppDbContext>();
        var tenant = tenantScope.GetRequiredService<ITenantContextAccessor>().Tenant
                     ?? throw new InvalidOperationException("Demo introductions need the tenant of the scope.");
        var clock = new SeedClock();
        var service = new IntroductionService(db, new NotificationCenter(db, clock), clock, new Webhooks.WebhookEvents(db, new Deliveries.OutgoingDeliveries(db, clock), clock));

        // Everything that happens, in the order it happened (asks open before anyone answers them, and close after).
        var moments = new List<(DateTimeOffset At, int Order, Func<Task> Run)>();
        foreach (var planned in plan.Asks)
        {
            var ask = new Ask
            {
                Id = planned.Id, AuthorId = planned.AuthorId, Purpose = planned.Purpose, Title = planned.Title, Details = planned.Details,
                CompanyName = planned.CompanyName, OrganizationId = planned.OrganizationId, IsPosition = planned.IsPosition,
                DepartmentId = planned.DepartmentId, RewardNote = planned.RewardNote, CreatedAt = planned.CreatedAt,
            };
            moments.Add((planned.CreatedAt, moments.Count, () =>
            {
                db.Asks.Add(ask);
                return db.SaveChangesAsync(cancellationToken);
            }));
            if (planned.ClosedAt is { } closedAt)
            {
                moments.Add((closedAt, moments.Count, () =>
                {
                    ask.State = AskState.Closed;
                    ask.ClosedAt = closedAt;
                    return db.SaveChangesAsync(cancellationToken);
                }));
            }
        }

        foreach (var introduction in plan.Introductions)
        {
            var request = new Guid?[1];
            foreach (var step in introduction.Steps)
            {
                moments.Add((step.At, moments.Count, async () =>
                {
                    var result = await RunAsync(service, introduction, step, request[0], TenantClock.Today(tenant, clock), cancellationToken);
                    if (!result.Succeeded || result.AlreadyPending)
                    {
                        throw new InvalidOperationException(
                            $"Demo introduction step {step.Kind} at {step.At:O} was refused: {result.Problem?.ToString() ?? "already pending"}.");
                    }

                    request[0] = result.RequestId;
                }));
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (at, _, run) in moments.OrderBy(m => m.At).ThenBy(m => m.Order))
        {
            clock.Now = at.ToUniversalTime();
            await run();
        }

        var readBefore = DateTimeOffset.UtcNow - ReadAfter;
        foreach (var notification in await db.Notifications.Where(n => n.ReadAt == null && n.CreatedAt < readBefore).ToListAsync(cancellationToken))
        {
            notification.ReadAt = notification.CreatedAt.AddHours(2);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static Task<IntroductionResult> RunAsync(
        IntroductionService service, DemoIntroductionPlan plan, DemoStep step, Guid? requestId, DateOnly today, CancellationToken cancellationToken)
    {
        if (step.Kind is DemoStepKind.Request)
        {
            return service.RequestAsync(plan.RequesterId, new IntroductionInput(
                plan.ContactId, plan.OrganizationId, plan.ContactId is null ? plan.ConnectorId : null, plan.Purpose, plan.Reason, plan.AskId), cancellationToken);
        }

        if (step.Kind is DemoStepKind.Offer)
        {
            return service.OfferAsync(plan.ConnectorId, plan.AskId!.Value, plan.ContactId!.Value, step.Text, cancellationToken);
        }

        var id = requestId ?? throw new InvalidOperationException($"Demo introduction step {step.Kind} comes before its request.");
        return step.Kind switch
        {
            DemoStepKind.Accept => service.AcceptAsync(step.ActorId, id, plan.ChosenContactId, cancellationToken),
            DemoStepKind.Decline => service.DeclineAsync(step.ActorId, id, step.Text, cancellationToken),
            DemoStepKind.ConfirmConsent => service.ConfirmConsentAsync(step.ActorId, id, step.Day!.Value, today, cancellationToken),
            DemoStepKind.Withdraw => service.WithdrawAsync(step.ActorId, id, cancellationToken),
            DemoStepKind.Outcome => service.RecordOutcomeAsync(step.ActorId, id, new OutcomeInput(
                step.Outcome, step.Amount, step.Currency, step.Outcome == IntroductionOutcome.Hired ? step.Day : null, step.Text), cancellationToken),
            DemoStepKind.Message => service.PostMessageAsync(step.ActorId, id, step.Text, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown demo introduction step {step.Kind}."),
        };
    }

    /// <summary>A clock the seeder moves to each planned moment.</summary>
    private sealed class SeedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
