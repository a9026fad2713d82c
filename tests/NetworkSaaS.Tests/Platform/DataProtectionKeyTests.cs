using System.Net;
using System.Security.Cryptography.X509Certificates;
using NetworkSaaS.Web.Features.Hosting;
using NetworkSaaS.Tests.Infrastructure;
using Npgsql;

namespace NetworkSaaS.Tests.Platform;

public sealed class DataProtectionKeyTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    [Fact]
    public async Task Keys_are_stored_encrypted_with_the_certificate_and_read_back_by_it_or_after_a_rotation_by_listing_it_as_previous()
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
        Assert.Equal(HttpStatusCode.OK, await HomeStatusAsync(cookies, []));

        // Rotation: a new certificate alone cannot read keys the old one encrypted; listed as previous, the old one still does.
        var next = Path.Combine(Path.GetTempPath(), $"networksaas-test-dp-next-{Guid.NewGuid():N}.pfx");
        using (var certificate = DataProtectionCertificates.CreateSelfSigned("CN=NetworkSaaS tests next data protection"))
        {
            await File.WriteAllBytesAsync(next, certificate.Export(X509ContentType.Pkcs12, RequiredSettings.CertificatePassword));
        }

        try
        {
            var rotated = new Dictionary<string, string?>
            {
                ["DataProtection:Certificate:Path"] = next,
                ["DataProtection:Certificate:Password"] = RequiredSettings.CertificatePassword,
            };
            Assert.NotEqual(HttpStatusCode.OK, await HomeStatusAsync(cookies, rotated));
            rotated["DataProtection:PreviousCertificates:0:Path"] = RequiredSettings.CertificatePath;
            rotated["DataProtection:PreviousCertificates:0:Password"] = RequiredSettings.CertificatePassword;
            Assert.Equal(HttpStatusCode.OK, await HomeStatusAsync(cookies, rotated));
        }
        finally
        {
            File.Delete(next);
        }
    }

    private async Task<HttpStatusCode> HomeStatusAsync(string cookies, Dictionary<string, string?> settings)
    {
        await using var app = new TestApp(App.Connections, settings);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/acme/");
        request.Headers.Add("Cookie", cookies);
        return (await client.SendAsync(request)).StatusCode;
    }
}
