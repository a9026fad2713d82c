using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Platform;
using NetworkSaaS.Core.Features.Scim;
using NetworkSaaS.Core.Features.Privacy;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Data;

/// <summary>
/// The one DbContext. Tenant-owned entities get the named query filter <see cref="TenantFilter"/> and are stamped
/// on save; <see cref="TenantSetting"/> sets the same tenant for PostgreSQL row-level security, transaction by transaction.
/// </summary>
public sealed class AppDbContext : DbContext, IDataProtectionKeyContext
{
    public const string TenantFilter = "Tenant";
    private ITenantContextAccessor? _tenantContext;

    /// <summary>The one constructor EF's context pool takes: the scope's tenant context is given with <see cref="ForTenantOf"/>.</summary>
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
        // SaveChanges' batches cannot carry the tenant statement (EF reads their results by statement position):
        // they always run in a transaction, whose start sets the tenant (TenantTransactionInterceptor).
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    /// <summary>
    /// The tenant whose rows this context may see; <see cref="Guid.Empty"/> (no rows) when the scope has none. A context
    /// without a scope's tenant context (one back in the pool) refuses rather than answer for whichever tenant came before.
    /// </summary>
    public Guid CurrentTenantId =>
        (_tenantContext ?? throw new InvalidOperationException("This context was not lent to a scope (ForTenantOf): it has no tenant context.")).Tenant?.Id ?? Guid.Empty;

    /// <summary>Binds a context from the pool to the scope's tenant context, until it is disposed (given back).</summary>
    public AppDbContext ForTenantOf(ITenantContextAccessor tenantContext)
    {
        ArgumentNullException.ThrowIfNull(tenantContext);
        _tenantContext = tenantContext;
        return this;
    }

    public override void Dispose()
    {
        _tenantContext = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _tenantContext = null;
        return base.DisposeAsync();
    }

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<AppUser> Users => Set<AppUser>();
    public DbSet<AppRole> Roles => Set<AppRole>();
    public DbSet<AppUserRole> UserRoles => Set<AppUserRole>();
    public DbSet<AppUserPasskey> UserPasskeys => Set<AppUserPasskey>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<ContactMerge> ContactMerges => Set<ContactMerge>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportBatchContact> ImportBatchContacts => Set<ImportBatchContact>();
    public DbSet<BulkChange> BulkChanges => Set<BulkChange>();
    public DbSet<IntroductionRequest> IntroductionRequests => Set<IntroductionRequest>();
    public DbSet<IntroductionEvent> IntroductionEvents => Set<IntroductionEvent>();
    public DbSet<Ask> Asks => Set<Ask>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationSettings> NotificationSettings => Set<NotificationSettings>();
    public DbSet<DigestDelivery> DigestDeliveries => Set<DigestDelivery>();
    public DbSet<NotificationEmail> NotificationEmails => Set<NotificationEmail>();
    public DbSet<IntroductionReminder> IntroductionReminders => Set<IntroductionReminder>();
    public DbSet<CompanyHoliday> CompanyHolidays => Set<CompanyHoliday>();
    public DbSet<GreetingListEntry> GreetingListEntries => Set<GreetingListEntry>();
    public DbSet<TransferConfirmation> TransferConfirmations => Set<TransferConfirmation>();
    public DbSet<CampaignNotification> CampaignNotifications => Set<CampaignNotification>();
    public DbSet<ExportRequest> ExportRequests => Set<ExportRequest>();
    public DbSet<ExportFile> ExportFiles => Set<ExportFile>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PlatformOperator> PlatformOperators => Set<PlatformOperator>();
    public DbSet<PlatformAuditEntry> PlatformAuditEntries => Set<PlatformAuditEntry>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<DirectoryGroupRole> DirectoryGroupRoles => Set<DirectoryGroupRole>();
    public DbSet<ScimToken> ScimTokens => Set<ScimToken>();
    public DbSet<Features.Api.ApiToken> ApiTokens => Set<Features.Api.ApiToken>();
    public DbSet<Features.Api.ApiIdempotencyRecord> ApiIdempotencyRecords => Set<Features.Api.ApiIdempotencyRecord>();
    public DbSet<ScimGroup> ScimGroups => Set<ScimGroup>();
    public DbSet<ScimGroupMember> ScimGroupMembers => Set<ScimGroupMember>();
    public DbSet<Features.Handover.LeaverHandover> LeaverHandovers => Set<Features.Handover.LeaverHandover>();
    public DbSet<Features.Handover.LeaverContactDecision> LeaverContactDecisions => Set<Features.Handover.LeaverContactDecision>();
    public DbSet<Features.Handover.ContactHandover> ContactHandovers => Set<Features.Handover.ContactHandover>();
    public DbSet<PrivacyRequest> PrivacyRequests => Set<PrivacyRequest>();
    public DbSet<PrivacySuppression> PrivacySuppressions => Set<PrivacySuppression>();
    public DbSet<PrivacyKey> PrivacyKeys => Set<PrivacyKey>();
    public DbSet<Features.Sso.SsoConnection> SsoConnections => Set<Features.Sso.SsoConnection>();
    public DbSet<Features.Sso.SsoDomain> SsoDomains => Set<Features.Sso.SsoDomain>();
    public DbSet<Features.RateLimiting.RateLimitCounter> RateLimitCounters => Set<Features.RateLimiting.RateLimitCounter>();
    public DbSet<Features.Cards.BusinessCard> BusinessCards => Set<Features.Cards.BusinessCard>();
    public DbSet<Features.Calendar.CalendarFeed> CalendarFeeds => Set<Features.Calendar.CalendarFeed>();
    public DbSet<Features.Chat.ChatTarget> ChatTargets => Set<Features.Chat.ChatTarget>();
    public DbSet<Features.Deliveries.OutgoingDelivery> OutgoingDeliveries => Set<Features.Deliveries.OutgoingDelivery>();
    public DbSet<Features.Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Features.Webhooks.WebhookSubscription>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        foreach (var entityType in modelBuilder.Model.GetEntityTypes()
                     .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            typeof(AppDbContext).GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entityType.ClrType)
                .Invoke(this, [modelBuilder]);
        }

        SnakeCaseNaming.Apply(modelBuilder);
    }

    private void ApplyTenantFilter<TEntity>(ModelBuilder modelBuilder)
        where TEntity : class, ITenantOwned
    {
        modelBuilder.Entity<TEntity>().HasQueryFilter(TenantFilter, e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<TEntity>()
            .HasOne<Tenant>()
            .WithMany()
            .HasForeignKey(e => e.TenantId)
            .OnDelete(DeleteBehavior.Cascade);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void StampTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            if (CurrentTenantId == Guid.Empty)
            {
                throw new TenantMismatchException($"Cannot save {entry.Metadata.ClrType.Name}: no tenant is set for this context.");
            }

            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty)
            {
                entry.Entity.TenantId = CurrentTenantId;
            }
            else if (entry.Entity.TenantId != CurrentTenantId)
            {
                throw new TenantMismatchException(
                    $"Cannot save {entry.Metadata.ClrType.Name} of another tenant in the context of tenant {CurrentTenantId}.");
            }
        }
    }
}
