using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Accounts.Mfa;
using NetworkSaaS.Web.Features.Accounts.Passwords;
using NetworkSaaS.Web.Features.Accounts.Sessions;
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
            .AddUserManager<SessionEndingUserManager>()
            .AddRoleStore<AppRoleStore>()
            .AddSignInManager<ActiveUserSignInManager>()
            .AddClaimsPrincipalFactory<TenantClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddPasswordValidator<GuessablePasswordValidator>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped<AccountEmails>();
        services.AddScoped<UserSessions>();
        services.AddScoped<UserDeactivation>();
        services.AddScoped<CompanyDirectory.DirectoryGroupRoles>();
        services.AddScoped<AuthenticatorEnrollment>();
        services.AddScoped<SecondStepSignIn>();
        services.AddScoped<SecondFactorStatus>();

        // "Remember this browser" skips the second step for 30 days (until the user forgets remembered browsers).
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            o.ExpireTimeSpan = TimeSpan.FromDays(30);
            o.SlidingExpiration = false;
            o.Cookie.HttpOnly = true;
        });

        // Password-reset links work for three hours (the mail and the page say "a few hours").
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(3));

        // Deactivation and role changes renew the security stamp; revalidate often so they take effect quickly.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = AuthCookie.KeepSession;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IHostEnvironment, IConfiguration>((options, environment, configuration) =>
                AuthCookie.Name(options, overPlainHttp: environment.IsDevelopment() || configuration.GetValue<bool>(AuthCookie.OverPlainHttpSetting)));
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = UserSessions.Lifetime;
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
                // without touching (or signing out) the user's real session. In its tenant, the server-side session is
                // checked on every request (one primary-key read), the security stamp once a minute.
                OnValidatePrincipal = async context =>
                {
                    var tenant = context.HttpContext.RequestServices.GetRequiredService<ITenantContextAccessor>().Tenant;
                    if (tenant is null || context.Principal?.FindFirst(TenantClaimTypes.TenantId)?.Value != tenant.Id.ToString())
                    {
                        return;
                    }

                    var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
                    if (!await sessions.IsLiveAsync(context.Principal, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                        return;
                    }

                    await SecurityStampValidator.ValidatePrincipalAsync(context);
                },
            };
        });
        return services;
    }
}
