using System.Globalization;
using System.Text;
using NetworkSaaS.Core.Features.Organization;

namespace NetworkSaaS.Web.Features.Admin;

/// <summary>
/// The company holidays as the admin edits them: one per line, a date written yyyy-MM-dd (full-width digits accepted),
/// then optionally a name, e.g. "2026-12-29 年末年始". Blank lines are ignored; a date listed twice keeps its first name.
/// </summary>
public static class CompanyHolidayList
{
    public const int MaxDays = 400;

    public enum Problem
    {
        NotADate,
        NameTooLong,
    }

    public sealed record Parsed(IReadOnlyDictionary<DateOnly, string?> Days, IReadOnlyList<(int Line, Problem Problem)> Problems);

    public static Parsed Parse(string? text)
    {
        var days = new SortedDictionary<DateOnly, string?>();
        var problems = new List<(int, Problem)>();
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var split = line.IndexOfAny([' ', '\t', '\u3000']);
            var date = (split < 0 ? line : line[..split]).Normalize(NormalizationForm.FormKC);
            var name = split < 0 ? "" : line[split..].Trim();
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                problems.Add((i + 1, Problem.NotADate));
            }
            else if (name.Length > CompanyHoliday.MaxNameLength)
            {
                problems.Add((i + 1, Problem.NameTooLong));
            }
            else
            {
                days.TryAdd(day, name.Length == 0 ? null : name);
            }
        }

        return new Parsed(days, problems);
    }

    public static string Format(IEnumerable<CompanyHoliday> holidays) =>
        string.Join('\n', holidays.Select(h =>
            h.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (h.Name is null ? "" : $" {h.Name}")));
}
