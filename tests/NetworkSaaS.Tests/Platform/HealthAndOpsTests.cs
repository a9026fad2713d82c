using System.Net;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Platform;

public sealed class HealthAndOpsTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Platform:Operators:0"] = "opsco/operator@opsco.test",
    };

    [Fact]
    public async Task Healthz_answers_200_when_the_database_is_reachable()
    {
        var response = await App.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_answers_503_when_the_database_is_not()
    {
        var unreachable = new Npgsql.NpgsqlConnectionStringBuilder(App.Connections.App) { Port = 1, Host = "127.0.0.1" }.ConnectionString;
        await using var broken = new TestApp(App.Connections with { App = unreachable });
        var response = await broken.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Only_the_configured_platform_operator_sees_the_jobs_dashboard_and_company_list()
    {
        var (opsTenant, _) = await App.CreateTenantAsync("opsco");
        var operatorUser = await App.CreateUserAsync(opsTenant, "operator@opsco.test");
        var (_, otherAdmin) = await App.CreateTenantAsync("other");
        // Same email, different company: not an operator.
        var impostor = await App.CreateUserAsync((await App.CreateTenantAsync("copycat")).Tenant, "operator@opsco.test");

        Assert.Equal(HttpStatusCode.NotFound, (await App.CreateBrowserlikeClient().GetAsync("/ops/jobs")).StatusCode);
        foreach (var (slug, email) in new[] { ("other", otherAdmin.Email!), ("copycat", impostor.Email!), ("opsco", "admin@opsco.test") })
        {
            var client = await App.SignInAsync(slug, email);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ops/jobs")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ops/tenants")).StatusCode);
        }

        var operatorClient = await App.SignInAsync("opsco", operatorUser.Email!);
        var dashboard = await operatorClient.GetAsync("/ops/jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("NetworkSaaS jobs", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var companies = await operatorClient.GetStringAsync("/ops/tenants");
        Assert.Contains("copycat", companies, StringComparison.Ordinal);
    }
}
