namespace NetworkSaaS.Web.Features.Jobs;

/// <summary>Hangfire settings (section "Jobs"). The defaults are the production values; tests shorten them.</summary>
public sealed class JobsOptions
{
    /// <summary>
    /// How long a job taken by a worker stays invisible to the other workers without a sign of life. Sliding: a live
    /// worker renews it every fifth of this time while the job runs, so a long job is never taken twice while its
    /// worker lives; only a worker that died without warning (SIGKILL, OOM kill, node loss) leaves its job to wait this
    /// long before another worker runs it again. A graceful stop (SIGTERM) requeues at once and does not wait for it.
    /// 5 minutes: short enough that a crashed worker's digest still goes out within minutes of its hour, long enough
    /// that a worker stalled by a long GC pause, a starved CPU or a slow database is not mistaken for a dead one.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a stopping worker waits for its jobs after cancelling them before it abandons them (an abandoned job
    /// waits for the invisibility timeout). Within the host's own 30 s and the orchestrator's grace period (60 s in
    /// deploy/): a job that honours its cancellation token is requeued by the worker itself within a second or two.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker moves jobs whose time has come (retries, scheduled jobs) to the queue.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The wait before each automatic retry of a failed job; as many retries as delays (empty: the defaults). A job
    /// that declares its own [AutomaticRetry] keeps it.
    /// </summary>
    public TimeSpan[] RetryDelays { get; set; } = [];

    /// <summary>
    /// 1, 5 and 15 minutes: a mail server or database blip is ridden out within about 20 minutes. Longer chains would
    /// only pile up copies of the same work during an outage: the periodic jobs run again anyway (the digest every
    /// quarter hour, and each run retries every unsent mail of its tenant for 24 hours), and a job that still fails
    /// after its last retry stays Failed in /ops/jobs for an operator to see.
    /// </summary>
    public static IReadOnlyList<TimeSpan> DefaultRetryDelays { get; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)];

    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays.Length > 0 ? RetryDelays : DefaultRetryDelays;
}
