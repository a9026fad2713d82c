using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace NetworkSaaS.Web.Features.Sso;

public static class SsoSetup
{
    public static IServiceCollection AddSso(this IServiceCollection services)
    {
        services.AddSingleton<SsoSchemeRegistry>();
        services.AddSingleton<SsoSecretProtector>();

        // Replaces the framework's provider (registered with TryAdd by AddAuthentication): the companies' schemes are in the database.
        services.AddSingleton<IAuthenticationSchemeProvider, SsoAuthenticationSchemeProvider>();
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, SsoOpenIdConnectOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddScoped<SsoOpenIdConnectEvents>();
        services.AddScoped<SsoSignIn>();
        services.AddScoped<SsoRequiredPolicy>();
        return services;
    }

    /// <summary>
    /// /{tenant}/signin-oidc must be an endpoint so routing resolves the tenant before authentication runs; the
    /// company's own scheme answers the callback, and what no scheme takes (another company's state, no state) is a 404.
    /// </summary>
    public static void MapSsoCallback(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/{tenant:slug}/signin-oidc", () => Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
}
