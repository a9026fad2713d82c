using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Tests.Infrastructure;
using NetworkSaaS.Web.Features.Accounts.Passkeys;

namespace NetworkSaaS.Tests.Accounts;

public sealed class PasskeyTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task Creation_options_name_the_configured_relying_party_and_the_signed_in_user()
    {
        var (_, admin) = await App.CreateTenantAsync("acme");
        var client = await App.SignInAsync("acme", admin.Email!);
        var token = await client.AntiforgeryTokenAsync("/acme/account/security");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/acme/account/security/passkeys?handler=CreationOptions");
        request.Headers.Add("RequestVerificationToken", token);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var options = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("localhost", options.RootElement.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal(admin.Email, options.RootElement.GetProperty("user").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(options.RootElement.GetProperty("challenge").GetString()));
    }
}
