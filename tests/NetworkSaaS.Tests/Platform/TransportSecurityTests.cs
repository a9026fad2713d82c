using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Platform;

public sealed class TransportSecurityTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private const string Proxy = "10.0.0.7";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownProxies:0"] = Proxy,
    };

    [Fact]
    public async Task Https_responses_outside_development_carry_a_one_year_hsts_with_subdomains()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://networksaas.test"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/signup");
        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task X_forwarded_proto_counts_only_from_a_listed_proxy()
    {
        Assert.True(await HstsAsync(Proxy), "a listed proxy's X-Forwarded-Proto: https makes the request https");
        Assert.False(await HstsAsync("203.0.113.9"), "an unlisted sender's X-Forwarded-Proto is ignored");
    }

    private async Task<bool> HstsAsync(string remoteAddress)
    {
        var context = await App.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("networksaas.test");
            c.Request.Path = "/signup";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-For"] = "198.51.100.1";
            c.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
        });
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        return context.Response.Headers.ContainsKey("Strict-Transport-Security");
    }
}
