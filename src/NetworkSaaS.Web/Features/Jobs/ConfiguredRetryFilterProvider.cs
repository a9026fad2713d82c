using Hangfire;
using Hangfire.Common;

namespace NetworkSaaS.Web.Features.Jobs;

/// <summary>
/// Hangfire's job filters, with the retry policy of <see cref="JobsOptions.RetryDelays"/> in place of Hangfire's global
/// default (10 attempts over many hours). A DI service rather than a change to the static GlobalJobFilters, so each host
/// (and each test's host) has its own policy. A job that declares its own [AutomaticRetry] keeps it.
/// </summary>
public sealed class ConfiguredRetryFilterProvider : IJobFilterProvider
{
    private readonly IJobFilterProvider _inner;
    private readonly JobFilter _retry;

    public ConfiguredRetryFilterProvider(JobsOptions options, IJobFilterProvider inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        var delays = options.EffectiveRetryDelays.Select(d => (int)Math.Ceiling(d.TotalSeconds)).ToArray();
        _retry = new JobFilter(
            new AutomaticRetryAttribute { Attempts = delays.Length, DelaysInSeconds = delays, OnAttemptsExceeded = AttemptsExceededAction.Fail },
            JobFilterScope.Global,
            null);
    }

    public IEnumerable<JobFilter> GetFilters(Job job)
    {
        var filters = _inner.GetFilters(job).ToList();
        var index = filters.FindIndex(f => f.Instance is AutomaticRetryAttribute);
        if (index >= 0 && filters[index].Scope == JobFilterScope.Global)
        {
            filters[index] = _retry;
        }

        return filters;
    }
}
