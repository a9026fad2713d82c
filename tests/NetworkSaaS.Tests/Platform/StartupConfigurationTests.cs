using NetworkSaaS.Tests.Infrastructure;

namespace NetworkSaaS.Tests.Platform;

/// <summary>The app refuses to start with a configuration that would be unsafe, with one message naming every problem.</summary>
public sealed class StartupConfigurationTests(PostgresCluster cluster) : IntegrationTest(cluster)
{
    private static readonly Dictionary<string, string?> Production = new()
    {
        ["environment"] = "Production",
        ["Email:BaseUrl"] = "https://networksaas.acme-corp.test",
        ["Email:From"] = "NetworkSaaS <no-reply@acme-corp.test>",
        ["AllowedHosts"] = "networksaas.acme-corp.test",
        ["Passkeys:ServerDomain"] = "networksaas.acme-corp.test",
    };

    [Fact]
    public async Task Production_starts_with_real_values_and_answers_only_the_allowed_host()
    {
        await using var app = new TestApp(App.Connections, Production);
        var allowed = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://networksaas.acme-corp.test") });
        Assert.Equal(System.Net.HttpStatusCode.OK, (await allowed.GetAsync("/healthz")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await app.CreateClient().GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public void Production_refuses_placeholders_from_the_deploy_templates()
    {
        var message = StartupFailure(new(Production)
        {
            ["Email:BaseUrl"] = "https://networksaas.example.com",
            ["Email:Smtp:Password"] = "change-me",
            ["AllowedHosts"] = "*",
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            ["Passkeys:ServerDomain"] = "networksaas.example.com",
            ["Deliveries:AllowUnsafeTargets"] = "true",
        });
        Assert.Contains("Passkeys:ServerDomain (networksaas.example.com)", message, StringComparison.Ordinal);
        Assert.Contains("Email:BaseUrl (https://networksaas.example.com)", message, StringComparison.Ordinal);
        Assert.Contains("Email:Smtp:Password still holds a placeholder", message, StringComparison.Ordinal);
        Assert.Contains("AllowedHosts must list", message, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", message, StringComparison.Ordinal);
        Assert.Contains("Deliveries:AllowUnsafeTargets lets webhooks", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_development_the_base_url_and_the_key_certificate_are_required()
    {
        var message = StartupFailure(new()
        {
            ["Email:BaseUrl"] = "",
            ["DataProtection:Certificate:Path"] = "",
        });
        Assert.Contains("Email:BaseUrl must be", message, StringComparison.Ordinal);
        Assert.Contains("DataProtection:Certificate:Path", message, StringComparison.Ordinal);
    }

    private string StartupFailure(Dictionary<string, string?> settings)
    {
        using var app = new TestApp(App.Connections, settings);
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        var refusal = messages.FirstOrDefault(m => m.Contains("will not start", StringComparison.Ordinal));
        Assert.True(refusal is not null, string.Join(Environment.NewLine, messages));
        return refusal;
    }
}
