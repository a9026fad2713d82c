using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.OpenApi;
using NetworkSaaS.Core.Features.Api;

namespace NetworkSaaS.Web.Features.Api;

/// <summary>Authorization policies of the API. Every endpoint names one scope policy; add <see cref="Person"/> where it needs a user (own contacts).</summary>
public static class ApiPolicies
{
    /// <summary>Any live token of this company (the group's default).</summary>
    public const string Token = "api";
    public const string Read = "api.read";
    public const string Write = "api.write";
    public const string Introductions = "api.introductions";

    /// <summary>A personal token: the endpoint acts for a user (a company token has no contacts of its own).</summary>
    public const string Person = "api.person";
}

public static class ApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddScoped<ApiTokenService>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiAuthenticationHandler>(ApiAuthenticationHandler.SchemeName, null);

        // On API paths the sign-in cookie hands over to the bearer scheme: the principal of UseAuthentication is the
        // token's (so the tenant guard, the language and the roles all see it), and a cookie never authenticates an API call.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
            options.ForwardDefaultSelector = context => ApiPaths.IsApi(context.Request.Path) ? ApiAuthenticationHandler.SchemeName : null);

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.Token, policy => policy.AddAuthenticationSchemes(ApiAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireClaim(ApiAuthenticationHandler.TokenIdClaim))
            .AddPolicy(ApiPolicies.Read, policy => policy.AddAuthenticationSchemes(ApiAuthenticationHandler.SchemeName)
                .RequireClaim(ApiAuthenticationHandler.ScopeClaim, ApiScopeNames.Read))
            .AddPolicy(ApiPolicies.Write, policy => policy.AddAuthenticationSchemes(ApiAuthenticationHandler.SchemeName)
                .RequireClaim(ApiAuthenticationHandler.ScopeClaim, ApiScopeNames.Write))
            .AddPolicy(ApiPolicies.Introductions, policy => policy.AddAuthenticationSchemes(ApiAuthenticationHandler.SchemeName)
                .RequireClaim(ApiAuthenticationHandler.ScopeClaim, ApiScopeNames.Introductions))
            .AddPolicy(ApiPolicies.Person, policy => policy.AddAuthenticationSchemes(ApiAuthenticationHandler.SchemeName)
                .RequireClaim(ApiAuthenticationHandler.TokenKindClaim, nameof(ApiTokenKind.Personal)));

        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.GroupName == DocumentName;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "NetworkSaaS API",
                    Version = DocumentName,
                    Description = "Bearer tokens (personal or company) from the account and admin pages. Errors are RFC 9457 problem details.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A personal or company API token: nsa_…",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
                return Task.CompletedTask;
            });
        });
        return services;
    }
}
