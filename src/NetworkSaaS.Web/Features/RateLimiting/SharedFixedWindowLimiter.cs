using System.Diagnostics;
using System.Threading.RateLimiting;

namespace NetworkSaaS.Web.Features.RateLimiting;

/// <summary>
/// A fixed-window limiter whose count lives in PostgreSQL (<see cref="SharedRateLimitCounters"/>), for one partition
/// (policy, kind and hashed value). It holds no state itself, so any number of processes enforce one limit together.
/// The synchronous attempt never succeeds: the rate limiting middleware then asks <see cref="AcquireAsyncCore"/>, which
/// makes the one round trip.
/// </summary>
internal sealed class SharedFixedWindowLimiter(SharedRateLimitCounters counters, string key, int permitLimit, TimeSpan window) : RateLimiter
{
    private long _lastUsed = Stopwatch.GetTimestamp();

    /// <summary>How long since this partition last counted a request: the partitioned limiter drops idle ones (they keep nothing).</summary>
    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? WindowLease.Granted : WindowLease.AskTheDatabase;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0)
        {
            return WindowLease.Granted;
        }

        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        var (count, remaining) = await counters.CountAsync(key, window, cancellationToken).ConfigureAwait(false);
        return count <= permitLimit ? WindowLease.Granted : new WindowLease(false, remaining);
    }

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Granted = new(true, null);
        public static readonly WindowLease AskTheDatabase = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
