using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Privacy;

namespace NetworkSaaS.Core.Data;

internal sealed class PrivacyRequestConfiguration : IEntityTypeConfiguration<PrivacyRequest>
{
    public void Configure(EntityTypeBuilder<PrivacyRequest> builder)
    {
        builder.ToTable("privacy_requests", t => t.HasCheckConstraint("ck_privacy_requests_kind", "kind BETWEEN 1 AND 4"));
        builder.HasKey(r => new { r.TenantId, r.Id });
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Reference).HasMaxLength(PrivacyRequest.ReferenceMaxLength);
        builder.Property(r => r.PersonName).HasMaxLength(PrivacyRequest.NameMaxLength);
        builder.Property(r => r.PersonEmail).HasMaxLength(PrivacyRequest.EmailMaxLength);
        builder.Property(r => r.PersonPhone).HasMaxLength(PrivacyRequest.PhoneMaxLength);
        builder.Property(r => r.Note).HasMaxLength(PrivacyRequest.NoteMaxLength);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(r => new { r.TenantId, r.LoggedByUserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.TenantId, r.Reference }).IsUnique();
        builder.HasIndex(r => new { r.TenantId, r.Status, r.DueOn });
    }
}

internal sealed class PrivacySuppressionConfiguration : IEntityTypeConfiguration<PrivacySuppression>
{
    public void Configure(EntityTypeBuilder<PrivacySuppression> builder)
    {
        builder.ToTable("privacy_suppressions", t => t.HasCheckConstraint("ck_privacy_suppressions_key_hash", "key_hash ~ '^[0-9a-f]{64}$'"));
        builder.HasKey(s => new { s.TenantId, s.Id });
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.KeyHash).HasMaxLength(PrivacySuppression.HashLength).UseCollation("C");
        builder.HasOne<PrivacyRequest>().WithMany()
            .HasForeignKey(s => new { s.TenantId, s.RequestId })
            .HasPrincipalKey(r => new { r.TenantId, r.Id })
            .OnDelete(DeleteBehavior.Restrict);
        // Text equality is leakproof, so this index serves lookups under row-level security.
        builder.HasIndex(s => new { s.TenantId, s.KeyHash }).IsUnique();
    }
}

internal sealed class PrivacyKeyConfiguration : IEntityTypeConfiguration<PrivacyKey>
{
    public void Configure(EntityTypeBuilder<PrivacyKey> builder)
    {
        builder.ToTable("privacy_keys");
        builder.HasKey(k => new { k.TenantId, k.Id });
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.ProtectedKey).HasMaxLength(1000);
        builder.HasIndex(k => k.TenantId).IsUnique();
    }
}
