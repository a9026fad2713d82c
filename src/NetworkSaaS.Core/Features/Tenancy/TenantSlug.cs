using System.Text.RegularExpressions;

namespace NetworkSaaS.Core.Features.Tenancy;

/// <summary>Rules for the first path segment that names a tenant.</summary>
public static partial class TenantSlug
{
    /// <summary>Top-level paths the platform uses or may use; a company can never take them.</summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "ops", "signup", "healthz", "health", "admin", "api", "account", "accounts", "login", "logout", "static",
        "assets", "css", "js", "lib", "img", "images", "favicon.ico", "robots.txt", "error", "errors", "www",
        "app", "help", "support", "status", "docs", "culture", "hangfire", "jobs", "not-found", "about",
        "pricing", "terms", "privacy", "security", "mail", "system", "root", "public", "tenant", "tenants",
        // Could pass for the product itself, its operators or its protocols in a link or a phishing mail.
        "scim", "oidc", "signin-oidc", "sso", "saml", "auth", "oauth", "register", "platform", "operator", "operators",
        "networksaas", "dashboard", "console", "billing", "cdn", "smtp", "webhooks", "unsubscribe", "calendar", "card",
        "www1", "www2", "administrator", "webmaster", "postmaster", "hostmaster", "abuse", "noreply", "no-reply",
    };

    public const int MinLength = 3;
    public const int MaxLength = 40;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool HasValidShape(string? slug) =>
        slug is { Length: >= MinLength and <= MaxLength } && Shape().IsMatch(slug) && !slug.Contains("--", StringComparison.Ordinal);

    public static bool IsReserved(string slug) => Reserved.Contains(slug);
}
