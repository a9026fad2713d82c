using System.Diagnostics;
using System.Net.Http.Headers;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Deliveries;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Jobs;

namespace NetworkSaaS.Web.Features.Deliveries;

/// <summary>
/// Recurring, every 5 minutes: one <see cref="DeliveryJob.RunDueAsync"/> per tenant, for deliveries whose own job could
/// not be enqueued or scheduled, or that a crashed worker left behind. A tenant with nothing due costs one query on a
/// partial index.
/// </summary>
public sealed class DeliverySweep(TenantFanOut fanOut)
{
    public const string RecurringJobId = "outgoing-deliveries";
    public const string Schedule = "*/5 * * * *";

    public Task<int> EnqueueForAllTenantsAsync() =>
        fanOut.EnqueueForEachTenantAsync((jobs, tenantId) => jobs.Enqueue<DeliveryJob>(j => j.RunDueAsync(tenantId, CancellationToken.None)));
}

/// <summary>
/// Sends outgoing deliveries, each at most once successfully: the row is claimed with FOR UPDATE SKIP LOCKED only while
/// it is pending and due (two runs at once never send it twice), POSTed while it is locked, and its outcome saved in
/// the same transaction. A failed attempt (no connection, timeout, a non-2xx answer — a 3xx included, redirects are
/// never followed) schedules the next attempt after the back-off of <see cref="DeliveryOptions.RetryDelays"/>; after
/// the last one the delivery is Failed. A refusal of the SSRF guard is final at once. The job itself only fails (and
/// Hangfire retries it) when the database does. Same at-least-once edge as the email outbox: a process killed between
/// the receiver's 2xx and the commit sends that message again, with the same webhook-id.
/// </summary>
public sealed partial class DeliveryJob(
    AppDbContext db,
    ITenantContextAccessor tenantContext,
    TimeProvider clock,
    GuardedHttpClient http,
    DeliveryOptions options,
    IEnumerable<IDeliveryChannel> channels,
    IBackgroundJobClient jobs,
    ILogger<DeliveryJob> logger) : ITenantJob
{
    private const int DueBatch = 100;

    /// <summary>Attempts one delivery if it is pending and due.</summary>
    /// <returns>Its state after this run; null when there was nothing to do (already done, not due, or another run holds it).</returns>
    public async Task<DeliveryState?> RunAsync(Guid tenantId, Guid deliveryId, CancellationToken cancellationToken)
    {
        if (tenantContext.Tenant is null)
        {
            return null;
        }

        var outcome = await AttemptAsync(deliveryId, cancellationToken).ConfigureAwait(false);
        if (outcome is { State: DeliveryState.Pending, NextAttemptAt: { } next })
        {
            ScheduleRetry(tenantId, deliveryId, next);
        }

        return outcome?.State;
    }

    /// <summary>Attempts every delivery of the tenant that is due (the sweep).</summary>
    /// <returns>How many were delivered.</returns>
    public async Task<int> RunDueAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (tenantContext.Tenant is null)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var due = await db.OutgoingDeliveries.AsNoTracking()
            .Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(DueBatch)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var delivered = 0;
        foreach (var id in due)
        {
            delivered += await RunAsync(tenantId, id, cancellationToken).ConfigureAwait(false) == DeliveryState.Delivered ? 1 : 0;
        }

        return delivered;
    }

    private async Task<OutgoingDelivery?> AttemptAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            var delivery = await db.OutgoingDeliveries
                .FromSql($"""
                    SELECT * FROM outgoing_deliveries
                    WHERE tenant_id = {tenantContext.Tenant!.Id} AND id = {deliveryId} AND state = {(int)DeliveryState.Pending} AND next_attempt_at <= {now}
                    FOR UPDATE SKIP LOCKED
                    """)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (delivery is null)
            {
                return null;
            }

            await SendAsync(delivery, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return delivery;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task SendAsync(OutgoingDelivery delivery, CancellationToken cancellationToken)
    {
        var channel = channels.FirstOrDefault(c => c.Name == delivery.Channel);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Target)
        {
            Content = new StringContent(delivery.Body, System.Text.Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(delivery.ContentType) { CharSet = "utf-8" };
        if (channel is null)
        {
            Finish(delivery, DeliveryState.Failed, $"No sender is registered for the channel \"{delivery.Channel}\".");
            return;
        }

        if (!await channel.PrepareAsync(delivery, request, cancellationToken).ConfigureAwait(false))
        {
            Finish(delivery, DeliveryState.Cancelled, null);
            return;
        }

        delivery.Attempts++;
        delivery.LastAttemptAt = clock.GetUtcNow();
        delivery.ResponseStatus = null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            delivery.ResponseStatus = (int)response.StatusCode;
            delivery.ResponseMilliseconds = Milliseconds(started);
            if (response.IsSuccessStatusCode && await channel.FailureInSuccessAsync(response, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                Retry(delivery, failure);
            }
            else if (response.IsSuccessStatusCode)
            {
                delivery.DeliveredAt = clock.GetUtcNow();
                Finish(delivery, DeliveryState.Delivered, null);
            }
            else
            {
                Retry(delivery, $"The receiver answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
        }
        catch (Exception e) when (DeliveryRefusedException.Find(e) is { } refused)
        {
            delivery.ResponseMilliseconds = null;
            Finish(delivery, DeliveryState.Failed, "Refused: " + refused.Message);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            delivery.ResponseMilliseconds = Milliseconds(started);
            Retry(delivery, e is TaskCanceledException ? "The receiver did not answer in time." : e.Message);
        }

        LogAttempt(logger, delivery.Id, delivery.Channel, delivery.Attempts, delivery.ResponseStatus, delivery.State);
    }

    private void Retry(OutgoingDelivery delivery, string error)
    {
        var delays = options.EffectiveRetryDelays;
        if (delivery.Attempts > delays.Count)
        {
            Finish(delivery, DeliveryState.Failed, error);
            return;
        }

        delivery.Error = Truncate(error);
        delivery.NextAttemptAt = clock.GetUtcNow() + delays[delivery.Attempts - 1];
    }

    private static void Finish(OutgoingDelivery delivery, DeliveryState state, string? error)
    {
        delivery.State = state;
        delivery.Error = error is null ? null : Truncate(error);
        delivery.NextAttemptAt = null;
    }

    private void ScheduleRetry(Guid tenantId, Guid deliveryId, DateTimeOffset next)
    {
        try
        {
            jobs.Schedule<DeliveryJob>(j => j.RunAsync(tenantId, deliveryId, CancellationToken.None), next);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogScheduleFailed(logger, e, deliveryId);
        }
    }

    private static int Milliseconds(long started) => (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    private static string Truncate(string text) => text.Length <= OutgoingDelivery.ErrorMaxLength ? text : text[..OutgoingDelivery.ErrorMaxLength];

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} ({Channel}) attempt {Attempt}: response {Status}, now {State}.")]
    private static partial void LogAttempt(ILogger logger, Guid deliveryId, string channel, int attempt, int? status, DeliveryState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not schedule the retry of delivery {DeliveryId}; the periodic sweep will retry it.")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception, Guid deliveryId);
}
