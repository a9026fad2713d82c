using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Exports;
using NetworkSaaS.Core.Features.Organization;

namespace NetworkSaaS.Core.Data;

internal sealed class ExportRequestConfiguration : IEntityTypeConfiguration<ExportRequest>
{
    public void Configure(EntityTypeBuilder<ExportRequest> builder)
    {
        builder.ToTable("export_requests");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Culture).HasMaxLength(10);
        builder.Property(e => e.FileName).HasMaxLength(200);
        builder.Property(e => e.Failure).HasMaxLength(500);
        builder.Ignore(e => e.IsActive);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(e => new { e.TenantId, e.OwnerId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Department>().WithMany()
            .HasForeignKey(e => new { e.TenantId, e.DepartmentId }).HasPrincipalKey(d => new { d.TenantId, d.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.TenantId, e.OwnerId, e.CreatedAt });
        // A double submit cannot queue the same export twice while one is in progress.
        builder.HasIndex(e => new { e.TenantId, e.OwnerId, e.Kind, e.Format }).IsUnique()
            .HasDatabaseName("ux_export_requests_one_active_per_kind")
            .HasFilter("status IN (0, 1)");
        builder.HasIndex(e => new { e.TenantId, e.ExpiresAt }).HasFilter("status = 2").HasDatabaseName("ix_export_requests_completed_expiry");
    }
}

internal sealed class ExportFileConfiguration : IEntityTypeConfiguration<ExportFile>
{
    public void Configure(EntityTypeBuilder<ExportFile> builder)
    {
        builder.ToTable("export_files");

        // One file per export request, whichever run of the job commits first (its parts are committed in one
        // transaction, under the lock on the request), stored in numbered parts.
        builder.HasKey(f => new { f.TenantId, f.ExportId, f.Part });
        builder.HasOne<ExportRequest>().WithMany()
            .HasForeignKey(f => new { f.TenantId, f.ExportId }).HasPrincipalKey(e => new { e.TenantId, e.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
