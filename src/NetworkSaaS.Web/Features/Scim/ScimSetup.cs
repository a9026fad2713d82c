using Microsoft.AspNetCore.Authentication;

namespace NetworkSaaS.Web.Features.Scim;

public static class ScimSetup
{
    public static IServiceCollection AddScim(this IServiceCollection services)
    {
        services.AddScoped<ScimTokenService>();
        services.AddScoped<ScimLinks>();
        services.AddScoped<ScimCaller>();
        services.AddScoped<ScimDiscovery>();
        services.AddScoped<ScimGroupMemberships>();
        services.AddScoped<ScimUsers>();
        services.AddScoped<ScimGroups>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ScimAuthenticationHandler>(ScimAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ScimAuthenticationHandler.Policy, policy => policy
            .AddAuthenticationSchemes(ScimAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(ScimAuthenticationHandler.TokenIdClaim));
        return services;
    }
}
