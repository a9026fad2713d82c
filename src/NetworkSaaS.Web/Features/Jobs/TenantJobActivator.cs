using Hangfire;
using NetworkSaaS.Core.Features.Tenancy;
using NetworkSaaS.Web.Features.Tenancy;

namespace NetworkSaaS.Web.Features.Jobs;

/// <summary>
/// A job that touches tenant data implements <see cref="ITenantJob"/>; by convention its method takes the tenant as
/// an explicit <c>Guid tenantId</c> argument (ids only, never personal data).
/// </summary>
public interface ITenantJob;

/// <summary>
/// The tenant-context job filter: every job runs in its own DI scope, and for an <see cref="ITenantJob"/> that
/// scope's tenant is set from the tenantId argument before the job object is even created. A tenant that no longer
/// exists leaves the scope without a tenant (logged here, once for every kind of job): RLS then shows nothing, and the
/// job ends without effect (each job returns at once when the scope has no tenant).
/// </summary>
public sealed partial class TenantJobActivator(IServiceScopeFactory scopeFactory, TenantStore tenants, ILogger<TenantJobActivator> logger) : JobActivator
{
    public const string TenantIdParameter = "tenantId";

    public override JobActivatorScope BeginScope(JobActivatorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scope = scopeFactory.CreateScope();
        var job = context.BackgroundJob.Job;
        if (typeof(ITenantJob).IsAssignableFrom(job.Type))
        {
            var tenantId = TenantIdOf(job);
            var tenant = tenants.FindByIdAsync(tenantId).GetAwaiter().GetResult();
            if (tenant is not null)
            {
                scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().SetTenant(tenant);
            }
            else
            {
                LogTenantGone(logger, tenantId, job.Type.Name);
            }
        }

        return new Scope(scope);
    }

    public static Guid TenantIdOf(Hangfire.Common.Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var parameters = job.Method.GetParameters();
        var index = Array.FindIndex(parameters, p => p.Name == TenantIdParameter && p.ParameterType == typeof(Guid));
        if (index < 0)
        {
            throw new InvalidOperationException($"{job.Type.Name}.{job.Method.Name} is a tenant job but has no `Guid {TenantIdParameter}` argument.");
        }

        return (Guid)job.Args[index]!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} no longer exists; {Job} does nothing.")]
    private static partial void LogTenantGone(ILogger logger, Guid tenantId, string job);

    private sealed class Scope(IServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        public override void DisposeScope() => scope.Dispose();
    }
}
