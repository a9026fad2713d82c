using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NetworkSaaS.Web.Features.Diagnostics;
using NetworkSaaS.Web.Features.Hosting;

namespace NetworkSaaS.Benchmarks;

/// <summary>
/// The real app (every middleware, pages only, as the app role with row-level security) on a real Kestrel port of the
/// loopback interface, in a production-like environment: no developer exception page, warnings-only logging.
/// </summary>
internal sealed class BenchmarkApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="role">"web" (pages only) or "worker" (the Hangfire server only), as deployed.</param>
    /// <param name="services">Replacements registered after the app's own (e.g. the clock).</param>
    /// <param name="settings">Configuration added to (or replacing) the benchmark's own.</param>
    public BenchmarkApp(
        DatabaseConnections connections, string mailDirectory, string role = "web", Action<IServiceCollection>? services = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:App"] = connections.App,
            ["ConnectionStrings:Owner"] = connections.Owner,
            ["role"] = role,
            [BaselineModel.SettingName] = "true",
            // Plain http on loopback: a Secure (__Host-) auth cookie would never be sent back.
            [NetworkSaaS.Web.Features.Accounts.Sessions.AuthCookie.OverPlainHttpSetting] = "true",
            ["Email:PickupDirectory"] = mailDirectory,
            // What the startup check demands outside Development: a base URL, a passkey domain, a key-encryption certificate.
            ["Email:BaseUrl"] = "http://localhost",
            ["Passkeys:ServerDomain"] = "localhost",
            [$"{DataProtectionCertificates.Section}:Base64"] = Convert.ToBase64String(
                DataProtectionCertificates.CreateSelfSigned("CN=NetworkSaaS benchmark").Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12)),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            // The discovery index's first load per tenant: its time, contacts and estimated bytes.
            ["Logging:LogLevel:NetworkSaaS.Web.Features.Discover.DiscoveryIndexSource"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public void Start()
    {
        UseKestrel(0);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}
