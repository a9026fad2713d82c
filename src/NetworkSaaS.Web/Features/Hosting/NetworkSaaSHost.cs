using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.EntityFrameworkCore;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.WebEncoders;
using Microsoft.Extensions.Options;
using NetworkSaaS.Core.Data;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Seeds;
using NetworkSaaS.Web.Features.Accounts;
using NetworkSaaS.Web.Features.Accounts.Passkeys;
using NetworkSaaS.Web.Features.Admin;
using NetworkSaaS.Web.Features.Api;
using NetworkSaaS.Web.Features.Audit;
using NetworkSaaS.Web.Features.Campaigns;
using NetworkSaaS.Web.Features.Calendar;
using NetworkSaaS.Web.Features.Chat;
using NetworkSaaS.Web.Features.Cards;
using NetworkSaaS.Web.Features.Contacts;
using NetworkSaaS.Web.Features.Deliveries;
using NetworkSaaS.Web.Features.Privacy;
using NetworkSaaS.Web.Features.Discover;
using NetworkSaaS.Web.Features.Handover;
using NetworkSaaS.Web.Features.Introductions;
using NetworkSaaS.Web.Features.Email;
using NetworkSaaS.Web.Features.Exports;
using NetworkSaaS.Web.Features.Health;
using NetworkSaaS.Web.Features.Jobs;
using NetworkSaaS.Web.Features.Localization;
using NetworkSaaS.Web.Features.Notifications;
using NetworkSaaS.Web.Features.Ops;
using NetworkSaaS.Web.Features.RateLimiting;
using NetworkSaaS.Web.Features.Reports;
using NetworkSaaS.Web.Features.Scim;
using NetworkSaaS.Web.Features.Sso;
using NetworkSaaS.Web.Features.Tenancy;
using NetworkSaaS.Web.Features.Webhooks;

namespace NetworkSaaS.Web.Features.Hosting;

/// <summary>The composition root: which features are wired, and the order of the request pipeline.</summary>
public static class NetworkSaaSHost
{
    public static void AddNetworkSaaS(this WebApplicationBuilder builder, RunMode runMode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        StartupConfigurationCheck.Validate(builder.Configuration, builder.Environment, runMode);
        var services = builder.Services;
        var appConnection = WithPoolSettings(builder.Configuration.GetConnectionString("App")
                            ?? throw new InvalidOperationException("ConnectionStrings:App is not set."));

        services.AddSingleton(runMode);
        services.AddSingleton(TimeProvider.System);
        // Web processes count the account-protecting rate limits in it; workers delete its ended windows.
        var rateLimitCounters = new SharedRateLimitCounters(appConnection);
        services.AddSingleton(rateLimitCounters);
        services.AddMemoryCache();
        services.AddHttpContextAccessor();
        services.AddScoped<ITenantContextAccessor, TenantContextAccessor>();
        services.AddSingleton<TenantStore>();
        services.AddSingleton<TenantCommandInterceptor>();
        services.AddSingleton<TenantTransactionInterceptor>();
        services.AddScoped<TenantProvisioner>();
        services.AddScoped<AuditLog>();
        // Contexts come from EF's pool, each lent to one scope and bound to that scope's tenant context: a context built
        // per request (its options, its internal services) was a large share of every request's CPU and allocations.
        // Everything the options hold is a singleton.
        services.AddPooledDbContextFactory<AppDbContext>((sp, options) => options
            .UseNpgsql(appConnection, npgsql => npgsql.MigrationsAssembly(DatabaseMigrator.MigrationsAssemblyName))
            .AddInterceptors(
                sp.GetRequiredService<TenantCommandInterceptor>(), sp.GetRequiredService<TenantTransactionInterceptor>(), sp.GetRequiredService<NotificationEmailTrigger>(),
                sp.GetRequiredService<DeliveryTrigger>()));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext()
            .ForTenantOf(sp.GetRequiredService<ITenantContextAccessor>()));

        services.AddDataProtection().SetApplicationName("NetworkSaaS").PersistKeysToDbContext<AppDbContext>()
            .ProtectKeysWithConfiguredCertificate(builder.Configuration, builder.Environment);
        services.AddAppLocalization();
        services.AddAccounts();
        services.AddSso();
        services.AddPlatformOperators();
        services.AddTransportSecurity(builder.Configuration);
        services.AddPasskeys(builder.Configuration, builder.Environment);
        services.AddContacts();
        services.AddIntroductions();
        services.AddNotifications();
        services.AddCampaigns();
        services.AddExports();
        services.AddDiscover();
        services.AddReports();
        services.AddScim();
        services.AddApi();
        services.AddHandover();
        services.AddPrivacy();
        services.AddCards();
        services.AddCalendarFeeds();
        services.AddChat(builder.Configuration);
        services.AddDeliveries(builder.Configuration);
        services.AddWebhooks();
        services.AddEmail(builder.Configuration, builder.Environment);
        services.AddJobs(appConnection, runMode, builder.Configuration);
        services.AddDatabaseHealthCheck();
        services.AddDemoSeeds(builder.Environment.EnvironmentName);
        services.Configure<InvitationOptions>(builder.Configuration.GetSection("Invitations"));
        services.AddSingleton(builder.Configuration.GetSection("Audit").Get<AuditRetentionOptions>() ?? new AuditRetentionOptions());

        if (runMode.ServesWeb)
        {
            // Japanese text is written as text, not as &#x...; entities (still HTML-encoded where needed).
            services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
            services.AddRouting(o => o.ConstraintMap["slug"] = typeof(TenantSlugRouteConstraint));
            services.AddRazorPages(options =>
                {
                    options.RootDirectory = "/Features";
                    options.Conventions.AuthorizeFolder("/");
                    options.Conventions.AuthorizeFolder("/Ops", OperatorAuthentication.SignedInPolicy);
                    options.Conventions.AllowAnonymousToPage("/OpsSignIn/Login");
                    options.Conventions.AllowAnonymousToFolder("/Landing");
                    options.Conventions.AllowAnonymousToFolder("/Signup");
                    options.Conventions.AllowAnonymousToFolder("/Errors");
                    options.Conventions.AllowAnonymousToFolder("/Localization");
                    options.Conventions.AllowAnonymousToPage("/Accounts/Login");
                    options.Conventions.AllowAnonymousToPage("/Accounts/LoginMfa");
                    options.Conventions.AllowAnonymousToPage("/Accounts/LoginRecovery");
                    options.Conventions.AllowAnonymousToPage("/Accounts/ForgotPassword");
                    options.Conventions.AllowAnonymousToPage("/Accounts/ResetPassword");
                    options.Conventions.AllowAnonymousToPage("/Accounts/AcceptInvitation");
                    options.Conventions.AllowAnonymousToPage("/Notifications/Unsubscribe");
                    options.Conventions.AllowAnonymousToPage("/Cards/Card");
                })
                .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
                .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
            services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedModelBindingMessages>();
            services.AddRateLimits(builder.Configuration, rateLimitCounters);
        }
    }

    /// <summary>
    /// The app's pool settings, unless the connection string already says otherwise.
    /// Npgsql prepares the statements a connection runs repeatedly (the same few queries serve every page). Measured with
    /// the benchmark: +25–35 % requests per second. Through PgBouncer 1.18 in transaction mode it must say otherwise
    /// (<c>Max Auto Prepare=0</c>): prepared statements live on one server connection and the next transaction may run
    /// on another (deploy/runbooks/pgbouncer.md).
    /// A pooled connection is not reset when it is reused (<c>No Reset On Close</c>): the app keeps no session state on
    /// it (the tenant is set per transaction, see TenantSetting; an open transaction is still rolled back on close), and
    /// the reset was one more round trip and seven statements for every query a page runs.
    /// </summary>
    private static string WithPoolSettings(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 20;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    public static void UseNetworkSaaS(this WebApplication app, RunMode runMode)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(runMode);
        app.UseTrustedForwardedHeaders();
        app.MapHealthChecks("/healthz");
        if (!runMode.ServesWeb)
        {
            return;
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error/500");
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<Api.ApiProblemMiddleware>();
        app.UseRouting();
        app.UseRequestSizeGuard();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<TenantClaimGuardMiddleware>();
        app.UseRequestLocalization();
        app.UseRateLimits();
        app.UseAuthorization();
        app.UseMiddleware<Accounts.Mfa.SecondFactorRequirementMiddleware>();
        app.UsePlatformOperatorDashboard();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapSsoCallback();
        app.MapOneClickUnsubscribe();
        app.MapScim();
        app.MapCalendarFeed();
        app.MapApi();
    }
}
