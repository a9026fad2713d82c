using Microsoft.AspNetCore.WebUtilities;
using NetworkSaaS.Core.Features.Introductions;

namespace NetworkSaaS.Web.Features.Reports;

public enum ReportInterval
{
    Month,
    Quarter,
}

/// <summary>
/// What a report shows, as it reads from and writes back to the URL (so a report can be bookmarked and shared):
/// <c>period</c>, <c>department</c> (Executives and Admins), <c>purpose</c>, <c>interval</c>.
/// </summary>
public sealed record ReportFilter(ReportPeriod Period, Guid? DepartmentId, IntroductionPurpose? Purpose, ReportInterval Interval)
{
    /// <summary>The query string of this filter (without the values that are the defaults), starting with '?' when not empty.</summary>
    public string Query()
    {
        var values = new List<KeyValuePair<string, string?>> { new("period", Period.Token) };
        if (DepartmentId is { } department)
        {
            values.Add(new("department", department.ToString()));
        }

        if (Purpose is { } purpose)
        {
            values.Add(new("purpose", purpose.ToString()));
        }

        if (Interval != ReportInterval.Month)
        {
            values.Add(new("interval", Interval.ToString()));
        }

        return QueryHelpers.AddQueryString("", values);
    }
}
