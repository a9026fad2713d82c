using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Accounts.Passwords;

/// <summary>How guessable a password is, offline: zxcvbn's score (0–4, from its frequency lists of common passwords,
/// names and words, keyboard patterns, dates and l33t substitutions) and whether it contains the person's or the
/// company's own words.</summary>
public static class PasswordStrength
{
    /// <summary>zxcvbn score 3: "safely unguessable", about 10^8 guesses or more.</summary>
    public const int MinimumScore = 3;

    /// <summary>Shorter fragments (e.g. "ab" of an email) would refuse far too many good passwords.</summary>
    private const int MinimumWordLength = 3;

    public static PasswordVerdict Evaluate(string password, IReadOnlyCollection<string> personalWords)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(personalWords);
        var containsPersonal = personalWords.Any(w => password.Contains(w, StringComparison.OrdinalIgnoreCase));
        var score = Zxcvbn.Zxcvbn.MatchPassword(password, personalWords).Score;
        return new PasswordVerdict(containsPersonal ? 0 : score, containsPersonal);
    }

    /// <summary>The words a password must not contain: the email's local part, the person's name and the company's
    /// ID and name, whole and in parts (split at spaces, dots, dashes…), without the short ones. Of an email address
    /// only the part before the @ counts.</summary>
    public static IReadOnlyCollection<string> PersonalWords(params string?[] values)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var text = value.Trim();
            if (text.IndexOf('@', StringComparison.Ordinal) is > 0 and var at)
            {
                text = text[..at];
            }

            var parts = text.Split([' ', '\u3000', '.', '-', '_', '+', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries);
            words.Add(string.Concat(parts));
            words.UnionWith(parts);
        }

        words.RemoveWhere(w => w.Length < MinimumWordLength);
        return words;
    }

    public static IReadOnlyCollection<string> PersonalWords(AppUser user, ITenantInfo? tenant)
    {
        ArgumentNullException.ThrowIfNull(user);
        return PersonalWords(user.Email ?? user.UserName, user.DisplayName, user.DisplayNameKana, tenant?.Slug, tenant?.Name);
    }
}

public sealed record PasswordVerdict(int Score, bool ContainsPersonalWords)
{
    public bool Acceptable => !ContainsPersonalWords && Score >= PasswordStrength.MinimumScore;
}
