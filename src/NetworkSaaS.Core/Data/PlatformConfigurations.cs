using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Platform;

namespace NetworkSaaS.Core.Data;

internal sealed class PlatformOperatorConfiguration : IEntityTypeConfiguration<PlatformOperator>
{
    public void Configure(EntityTypeBuilder<PlatformOperator> builder)
    {
        builder.ToTable("platform_operators");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Email).HasMaxLength(256);
        builder.Property(o => o.NormalizedEmail).HasMaxLength(256);
        builder.HasIndex(o => o.NormalizedEmail).IsUnique();
        builder.Property(o => o.SecurityStamp).HasMaxLength(64);
        builder.Property(o => o.ConcurrencyStamp).HasMaxLength(64).IsConcurrencyToken();
    }
}

internal sealed class PlatformAuditEntryConfiguration : IEntityTypeConfiguration<PlatformAuditEntry>
{
    public void Configure(EntityTypeBuilder<PlatformAuditEntry> builder)
    {
        builder.ToTable("platform_audit_entries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Subject).HasMaxLength(256);
        builder.Property(a => a.Details).HasMaxLength(2000);
        builder.Property(a => a.IpAddress).HasMaxLength(64);
        builder.HasIndex(a => a.At);
        builder.HasOne<PlatformOperator>().WithMany().HasForeignKey(a => a.OperatorId).OnDelete(DeleteBehavior.SetNull);
    }
}
