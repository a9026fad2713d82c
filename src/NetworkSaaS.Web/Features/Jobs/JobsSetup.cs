using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using NetworkSaaS.Web.Features.Hosting;

namespace NetworkSaaS.Web.Features.Jobs;

public static class JobsSetup
{
    /// <summary>
    /// Hangfire on the same PostgreSQL (schema "hangfire", created by `migrate`). The storage is a DI singleton, never
    /// the static JobStorage.Current, so each host talks to its own database. The server runs only in the worker roles.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, string connectionString, RunMode runMode)
    {
        ArgumentNullException.ThrowIfNull(runMode);
        var storage = new PostgreSqlStorage(
            new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()),
            new PostgreSqlStorageOptions
            {
                SchemaName = DatabaseMigrator.HangfireSchema,
                PrepareSchemaIfNecessary = false,
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
                QueuePollInterval = TimeSpan.FromSeconds(1),
            });
        services.AddSingleton<JobStorage>(storage);
        services.AddSingleton<JobActivator, TenantJobActivator>();
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddScoped<ExpiredInvitationSweep>();
        services.AddScoped<ExpiredInvitationCleanupJob>();
        services.AddScoped<Contacts.Import.AbandonedImportCleanupJob>();

        if (runMode.RunsJobs)
        {
            services.AddHangfireServer((_, options) =>
            {
                options.WorkerCount = Math.Max(4, Environment.ProcessorCount * 2);
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                options.ShutdownTimeout = TimeSpan.FromSeconds(30);
            });
            services.AddHostedService<RecurringJobsRegistration>();
        }

        return services;
    }
}

/// <summary>Declares the recurring jobs when a worker starts (idempotent AddOrUpdate).</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager recurringJobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<ExpiredInvitationSweep>(ExpiredInvitationSweep.RecurringJobId, j => j.EnqueueForAllTenantsAsync(), Cron.Hourly());
        recurringJobs.AddOrUpdate<Notifications.StayInTouchDigestDispatcher>(
            Notifications.StayInTouchDigestDispatcher.RecurringJobId, j => j.EnqueueForAllTenantsAsync(), Notifications.StayInTouchDigestDispatcher.Schedule);
        recurringJobs.AddOrUpdate<Campaigns.SeasonalCampaignDispatcher>(
            Campaigns.SeasonalCampaignDispatcher.RecurringJobId, j => j.EnqueueDueTenantsAsync(), Campaigns.SeasonalCampaignDispatcher.Schedule);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
