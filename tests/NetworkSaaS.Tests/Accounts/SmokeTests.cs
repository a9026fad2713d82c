using System.Net;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Accounts;

public sealed class SmokeTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task Signed_in_user_sees_home()
    {
        var (tenant, admin) = await App.CreateTenantAsync("acme");
        var client = await App.SignInAsync("acme", admin.Email!);
        var home = await client.GetAsync("/acme/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("acme Admin", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("acme", tenant.Slug);
    }
}
