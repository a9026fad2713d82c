using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using NetworkSaaS.Web.Features.Hosting;

namespace NetworkSaaS.Web.Features.Jobs;

public static class JobsSetup
{
    /// <summary>
    /// Hangfire on the same PostgreSQL (schema "hangfire", created by `migrate`). The storage is a DI singleton, never
    /// the static JobStorage.Current, so each host talks to its own database; Hangfire's static log provider routes to the
    /// hosts still alive (<see cref="HangfireLogRouting"/>). The server runs only in the worker roles.
    /// Timeouts and retry delays come from the "Jobs" section (<see cref="JobsOptions"/>).
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, string connectionString, RunMode runMode, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(runMode);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection("Jobs").Get<JobsOptions>() ?? new JobsOptions();
        services.AddSingleton(options);
        var storage = new PostgreSqlStorage(
            new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()),
            new PostgreSqlStorageOptions
            {
                SchemaName = DatabaseMigrator.HangfireSchema,
                PrepareSchemaIfNecessary = false,
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = options.InvisibilityTimeout,
                QueuePollInterval = TimeSpan.FromSeconds(1),
            });
        services.AddSingleton<JobStorage>(storage);
        services.AddSingleton<JobActivator, TenantJobActivator>();
        // Made on first use, after Hangfire has taken this host's logger factory (AutomaticRetryAttribute takes a logger when made).
        services.AddSingleton<IJobFilterProvider>(_ => new ConfiguredRetryFilterProvider(options, JobFilterProviders.Providers));
        HangfireLogRouting.Register(services);
        services.AddHangfire((sp, config) =>
        {
            config
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            HangfireLogRouting.UseHostLogging(sp, config);
        });
        services.AddScoped<TenantFanOut>();
        services.AddScoped<ExpiredInvitationSweep>();
        services.AddScoped<ExpiredInvitationCleanupJob>();
        services.AddScoped<Contacts.Import.AbandonedImportCleanupJob>();

        if (runMode.RunsJobs)
        {
            services.AddHangfireServer((_, server) =>
            {
                server.WorkerCount = Math.Max(4, Environment.ProcessorCount * 2);
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                server.ShutdownTimeout = options.ShutdownTimeout;
                server.SchedulePollingInterval = options.SchedulePollingInterval;
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
        recurringJobs.AddOrUpdate<Introductions.Reminders.IntroductionReminderDispatcher>(
            Introductions.Reminders.IntroductionReminderDispatcher.RecurringJobId, j => j.EnqueueForAllTenantsAsync(),
            Introductions.Reminders.IntroductionReminderDispatcher.Schedule);
        recurringJobs.AddOrUpdate<Notifications.NotificationEmailSweep>(
            Notifications.NotificationEmailSweep.RecurringJobId, j => j.EnqueueForAllTenantsAsync(), Notifications.NotificationEmailSweep.Schedule);
        recurringJobs.AddOrUpdate<Campaigns.SeasonalCampaignDispatcher>(
            Campaigns.SeasonalCampaignDispatcher.RecurringJobId, j => j.EnqueueDueTenantsAsync(), Campaigns.SeasonalCampaignDispatcher.Schedule);
        recurringJobs.AddOrUpdate<Audit.AuditRetentionSweep>(Audit.AuditRetentionSweep.RecurringJobId, j => j.EnqueueForAllTenantsAsync(), Audit.AuditRetentionSweep.Schedule);
        recurringJobs.AddOrUpdate<Handover.LeaverContactDeletionSweep>(
            Handover.LeaverContactDeletionSweep.RecurringJobId, j => j.EnqueueForAllTenantsAsync(), Handover.LeaverContactDeletionSweep.Schedule);
        recurringJobs.AddOrUpdate<Deliveries.DeliverySweep>(Deliveries.DeliverySweep.RecurringJobId, j => j.EnqueueForAllTenantsAsync(), Deliveries.DeliverySweep.Schedule);
        recurringJobs.AddOrUpdate<Chat.AsksDigestDispatcher>(Chat.AsksDigestDispatcher.RecurringJobId, j => j.EnqueueForAllTenantsAsync(), Chat.AsksDigestDispatcher.Schedule);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
