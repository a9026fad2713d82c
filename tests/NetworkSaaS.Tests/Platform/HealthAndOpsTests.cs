using System.Net;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Platform;

public sealed class HealthAndOpsTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
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
}
