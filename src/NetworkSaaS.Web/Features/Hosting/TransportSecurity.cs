using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>
/// HSTS (one year, subdomains included) outside Development, and X-Forwarded-For/-Proto honoured only when they come
/// from the proxies listed in ForwardedHeaders:KnownProxies (addresses) or ForwardedHeaders:KnownNetworks (CIDR).
/// With none listed the headers are ignored altogether (the framework would otherwise trust every sender).
/// </summary>
public static class TransportSecurity
{
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        // Blank entries are skipped: deploy templates pass an empty variable when there is no proxy.
        var proxies = Listed(configuration, "ForwardedHeaders:KnownProxies");
        var networks = Listed(configuration, "ForwardedHeaders:KnownNetworks");
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddSingleton(new TrustedProxies(proxies.Length + networks.Length > 0));
        return services;
    }

    private static string[] Listed(IConfiguration configuration, string key) =>
        [.. configuration.GetSection(key).GetChildren().Select(c => c.Value?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)];

    public static IApplicationBuilder UseTrustedForwardedHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetRequiredService<TrustedProxies>().Any ? app.UseForwardedHeaders() : app;
    }

    private sealed record TrustedProxies(bool Any);
}
