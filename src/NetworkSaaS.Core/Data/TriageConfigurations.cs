using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Core.Data;

internal sealed class ImportBatchContactConfiguration : IEntityTypeConfiguration<ImportBatchContact>
{
    public void Configure(EntityTypeBuilder<ImportBatchContact> builder)
    {
        builder.ToTable("import_batch_contacts");
        builder.HasKey(c => new { c.TenantId, c.BatchId, c.ContactId });
        builder.Property(c => c.Before).HasColumnType("jsonb");
        builder.HasOne<ImportBatch>().WithMany()
            .HasForeignKey(c => new { c.TenantId, c.BatchId })
            .HasPrincipalKey(b => new { b.TenantId, b.Id })
            .OnDelete(DeleteBehavior.Cascade);

        // No foreign key to the contact: the owner may delete it after the import; undo then skips it.
        builder.HasIndex(c => new { c.TenantId, c.ContactId });
    }
}

internal sealed class BulkChangeConfiguration : IEntityTypeConfiguration<BulkChange>
{
    public void Configure(EntityTypeBuilder<BulkChange> builder)
    {
        builder.ToTable("bulk_changes");
        builder.HasKey(b => new { b.TenantId, b.Id });
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Kind).HasMaxLength(32);
        builder.Property(b => b.Before).HasColumnType("jsonb");
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(b => new { b.TenantId, b.OwnerId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.TenantId, b.OwnerId, b.CreatedAt });
    }
}
