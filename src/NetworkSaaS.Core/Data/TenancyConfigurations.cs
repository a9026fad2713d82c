using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Audit;
using NetworkSaaS.Core.Features.Organization;
using NetworkSaaS.Core.Features.Tenancy;

namespace NetworkSaaS.Core.Data;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("tenants", t => t.HasCheckConstraint("ck_tenants_fiscal_year_start_month", "fiscal_year_start_month BETWEEN 1 AND 12"));
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Slug).HasMaxLength(TenantSlug.MaxLength);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.DefaultCulture).HasMaxLength(10);
        builder.Property(t => t.TimeZoneId).HasMaxLength(64);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_tenants_nudge_after_working_days", $"nudge_after_working_days BETWEEN 1 AND {IntroductionSlaDefaults.MaxWorkingDays}");
            t.HasCheckConstraint("ck_tenants_escalate_after_working_days", $"escalate_after_working_days BETWEEN 1 AND {IntroductionSlaDefaults.MaxWorkingDays}");
            t.HasCheckConstraint("ck_tenants_outcome_prompt_after_days", $"outcome_prompt_after_days BETWEEN 1 AND {IntroductionSlaDefaults.MaxOutcomePromptDays}");
            t.HasCheckConstraint("ck_tenants_mfa_policy", "mfa_policy BETWEEN 0 AND 2");
        });
    }
}

internal sealed class CompanyHolidayConfiguration : IEntityTypeConfiguration<CompanyHoliday>
{
    public void Configure(EntityTypeBuilder<CompanyHoliday> builder)
    {
        builder.ToTable("company_holidays");
        builder.HasKey(h => new { h.TenantId, h.Day });
        builder.Property(h => h.Name).HasMaxLength(CompanyHoliday.MaxNameLength);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.ToTable("departments");
        builder.HasKey(d => new { d.TenantId, d.Id });
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.HasIndex(d => new { d.TenantId, d.Name }).IsUnique();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(a => new { a.TenantId, a.Id });
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Subject).HasMaxLength(256);
        builder.Property(a => a.Details).HasMaxLength(2000);
        builder.HasIndex(a => new { a.TenantId, a.At });
        builder.HasOne<Features.Accounts.AppUser>()
            .WithMany()
            .HasForeignKey(a => new { a.TenantId, a.ActorUserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}
