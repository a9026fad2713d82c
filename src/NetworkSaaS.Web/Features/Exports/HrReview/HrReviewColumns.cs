using Microsoft.Extensions.Localization;
using NetworkSaaS.Web.Features.Localization;

namespace NetworkSaaS.Web.Features.Exports.HrReview;

/// <summary>
/// The columns (and the detail sheet) HR can choose for the review workbook, by stable key. The employee's name is
/// always the first column; everything else is optional.
/// </summary>
public static class HrReviewColumns
{
    public const string Email = "email";
    public const string Department = "department";
    public const string Title = "title";
    public const string ContactsAdded = "contacts-added";
    public const string Interactions = "interactions";
    public const string AsConnector = "as-connector";
    public const string AsRequester = "as-requester";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string MedianResponseHours = "median-response-hours";
    public const string IntroductionsMade = "introductions-made";
    public const string LeadsWon = "leads-won";
    public const string WonAmount = "won-amount";
    public const string ReferralHires = "referral-hires";
    public const string AdvisorEngagements = "advisor-engagements";

    /// <summary>Not a column: the sheet listing every introduction each employee took part in.</summary>
    public const string IntroductionsSheet = "introductions-sheet";

    public static IReadOnlyList<string> All { get; } =
    [
        Email, Department, Title, ContactsAdded, Interactions, AsConnector, AsRequester, Accepted, Declined,
        MedianResponseHours, IntroductionsMade, LeadsWon, WonAmount, ReferralHires, AdvisorEngagements, IntroductionsSheet,
    ];

    public static bool IsKnown(string key) => All.Contains(key, StringComparer.Ordinal);
}

/// <summary>Headings and definitions of the review's columns in the reader's language.</summary>
public sealed class HrReviewLabels(IStringLocalizer<SharedResource> l)
{
    public string Heading(string key) => key switch
    {
        HrReviewColumns.Email => l["Email"],
        HrReviewColumns.Department => l["Department"],
        HrReviewColumns.Title => l["Title"],
        HrReviewColumns.ContactsAdded => l["Contacts added"],
        HrReviewColumns.Interactions => l["Interactions logged"],
        HrReviewColumns.AsConnector => l["Introductions as connector"],
        HrReviewColumns.AsRequester => l["Introductions as requester"],
        HrReviewColumns.Accepted => l["Requests accepted"],
        HrReviewColumns.Declined => l["Requests declined"],
        HrReviewColumns.MedianResponseHours => l["Median response (hours)"],
        HrReviewColumns.IntroductionsMade => l["Introductions made"],
        HrReviewColumns.LeadsWon => l["Leads won"],
        HrReviewColumns.WonAmount => l["Amount won"],
        HrReviewColumns.ReferralHires => l["Referral hires"],
        HrReviewColumns.AdvisorEngagements => l["Advisor engagements"],
        HrReviewColumns.IntroductionsSheet => l["Introductions sheet"],
        _ => key,
    };

    public string Definition(string key) => key switch
    {
        HrReviewColumns.Email => l["The employee's sign-in email."],
        HrReviewColumns.Department => l["The employee's department today."],
        HrReviewColumns.Title => l["The employee's title today."],
        HrReviewColumns.ContactsAdded => l["Contacts the employee added to their network in the period (a count: no contact details)."],
        HrReviewColumns.Interactions => l["Interactions the employee logged with their contacts, dated in the period."],
        HrReviewColumns.AsConnector => l["Introduction requests made to the employee in the period, answers to asks included."],
        HrReviewColumns.AsRequester => l["Introductions the employee asked for in the period."],
        HrReviewColumns.Accepted => l["Requests the employee accepted in the period, answers to asks included."],
        HrReviewColumns.Declined => l["Requests the employee declined in the period."],
        HrReviewColumns.MedianResponseHours => l["Median hours from a request to the employee's answer, for answers given in the period (answers to asks excluded)."],
        HrReviewColumns.IntroductionsMade => l["Introductions the employee made (the person agreed) in the period."],
        HrReviewColumns.LeadsWon => l["Sales leads recorded as won in the period on introductions the employee took part in, as connector or requester."],
        HrReviewColumns.WonAmount => l["The amounts of those won leads, one column per currency."],
        HrReviewColumns.ReferralHires => l["Referral hires recorded in the period on introductions the employee took part in."],
        HrReviewColumns.AdvisorEngagements => l["Advisors engaged in the period on introductions the employee took part in."],
        HrReviewColumns.IntroductionsSheet => l["A sheet with every introduction each employee took part in during the period: never the person's contact details."],
        _ => key,
    };
}
