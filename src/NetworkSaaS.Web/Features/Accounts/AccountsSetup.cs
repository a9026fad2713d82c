using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts.Passwords;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Accounts;

public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, AppRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 10;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddUserStore<TenantUserStore>()
            .AddRoleStore<AppRoleStore>()
            .AddSignInManager<ActiveUserSignInManager>()
            .AddClaimsPrincipalFactory<TenantClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddPasswordValidator<GuessablePasswordValidator>()
            .AddDefaultTokenProviders();
        services.AddScoped<AccountEmails>();

        // Password-reset links work for three hours (the mail and the page say "a few hours").
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(3));

        // Deactivation and role changes renew the security stamp; revalidate often so they take effect quickly.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "networksaas.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            options.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = context =>
                {
                    var slug = context.HttpContext.GetRouteValue(TenantResolutionMiddleware.RouteKey) as string;
                    var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                    context.Response.Redirect(slug is null ? "/" : $"/{slug}/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
                    return Task.CompletedTask;
                },
                OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
                // Only revalidate a cookie in its own tenant: under another tenant's path the guard answers 404
                // without touching (or signing out) the user's real session.
                OnValidatePrincipal = context =>
                {
                    var tenant = context.HttpContext.RequestServices.GetRequiredService<ITenantContextAccessor>().Tenant;
                    return tenant is not null && context.Principal?.FindFirst(TenantClaimTypes.TenantId)?.Value == tenant.Id.ToString()
                        ? SecurityStampValidator.ValidatePrincipalAsync(context)
                        : Task.CompletedTask;
                },
            };
        });
        return services;
    }
}
