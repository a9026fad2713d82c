using System.Net;
using NetworkSaaS.Tests.Infrastructure;
using Npgsql;

namespace NetworkSaaS.Tests.Platform;

public sealed class DataProtectionKeyTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task Keys_are_stored_encrypted_with_the_certificate_and_another_app_instance_still_reads_the_cookie()
    {
        var (_, admin) = await App.CreateTenantAsync("acme");
        var client = App.CreateBrowserlikeClient();
        var login = await client.PostFormAsync("/acme/account/login", new() { ["Input.Email"] = admin.Email!, ["Input.Password"] = TestApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookies = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        await using (var superuser = new NpgsqlConnection(SuperUserConnectionString))
        {
            await superuser.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT string_agg(xml, '') FROM data_protection_keys", superuser);
            var xml = (string)(await read.ExecuteScalarAsync())!;
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("<EncryptedKey", xml, StringComparison.Ordinal);
            Assert.Contains("<X509Certificate>", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        }

        // A second instance has only the database and the certificate: it decrypts the key and accepts the cookie.
        await using var second = new TestApp(App.Connections);
        var secondClient = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/acme/");
        request.Headers.Add("Cookie", cookies);
        var home = await secondClient.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }
}
