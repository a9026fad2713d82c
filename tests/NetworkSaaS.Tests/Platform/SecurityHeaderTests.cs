using System.Net;
using System.Text.RegularExpressions;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Platform;

public sealed partial class SecurityHeaderTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [GeneratedRegex("""<script(?![^>]*\bsrc=)[^>]*>|\sstyle="|\son[a-z]+=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();

    [Fact]
    public async Task Pages_send_a_strict_content_security_policy_and_contain_no_inline_script_or_style()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var contact = await App.CreateContactAsync(tenant, admin.Id, "Okafor", "Daniel", "Globex");
        var client = await App.SignInAsync("acme", admin.Email!);
        foreach (var path in new[] { "/", "/signup", "/acme/", "/acme/contacts", $"/acme/contacts/{contact.Id}", "/acme/contacts/new", "/acme/contacts/import", "/acme/admin", $"/acme/admin/users/{admin.Id}", "/acme/admin/settings", "/acme/admin/audit", $"/acme/admin/users/{admin.Id}/offboarding", "/acme/account/handover", "/acme/account/profile", "/acme/contacts/duplicates", $"/acme/companies/{contact.OrganizationId}", "/acme/reports", "/acme/reports/funnel", "/acme/reports/health", "/no-such-company/" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == (path == "/no-such-company/" ? HttpStatusCode.NotFound : HttpStatusCode.OK), $"{path}: {(int)response.StatusCode}");
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), path);
            Assert.Contains("script-src 'self'", csp.Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var html = await response.Content.ReadAsStringAsync();
            var inline = InlineCode().Match(html);
            Assert.False(inline.Success, $"{path}: inline code '{(inline.Success ? html.Substring(Math.Max(0, inline.Index - 200), 300) : "")}'");
        }
    }
}
