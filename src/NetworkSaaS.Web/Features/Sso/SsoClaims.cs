using System.Security.Claims;
using NetworkSaaS.Core.Features.Sso;

namespace NetworkSaaS.Web.Features.Sso;

/// <summary>Reads our fields out of a provider's claims through the connection's claim mapping.</summary>
public sealed class SsoClaims(SsoConnection connection, ClaimsPrincipal principal)
{
    public string? Issuer => Value("iss") ?? principal.FindFirst("sub")?.Issuer;
    public string? Subject => Value("sub");
    public string? Email => Value(connection.EmailClaim)?.ToLowerInvariant();
    public string? DisplayName => Value(connection.NameClaim);
    public string? Kana => Value(connection.KanaClaim);
    public string? Department => Value(connection.DepartmentClaim);
    public string? Title => Value(connection.TitleClaim);

    /// <summary>
    /// False only when the provider says so (<c>email_verified</c> false). Absent (Entra ID never sends it) counts as
    /// verified: the address must still be in one of the connection's domains, which the company's own directory owns.
    /// </summary>
    public bool EmailVerified => !string.Equals(Value("email_verified"), "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The groups, or null when roles must be left alone: the claim is not mapped, or the provider sent too many
    /// groups to list (Entra ID's "overage": a <c>_claim_names</c> reference instead of the list).
    /// </summary>
    public IReadOnlyList<string>? Groups
    {
        get
        {
            if (string.IsNullOrWhiteSpace(connection.GroupsClaim)
                || Value("_claim_names")?.Contains($"\"{connection.GroupsClaim}\"", StringComparison.Ordinal) == true)
            {
                return null;
            }

            return [.. principal.FindAll(connection.GroupsClaim.Trim()).Select(c => c.Value).Where(v => v.Length > 0)];
        }
    }

    private string? Value(string? claimType) =>
        string.IsNullOrWhiteSpace(claimType) ? null : principal.FindFirst(claimType.Trim())?.Value is { Length: > 0 } value ? value.Trim() : null;
}
