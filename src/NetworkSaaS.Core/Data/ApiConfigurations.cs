using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Api;

namespace NetworkSaaS.Core.Data;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasKey(t => new { t.TenantId, t.Id });
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Role).HasMaxLength(32);
        builder.HasIndex(t => new { t.TenantId, t.UserId });
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(t => new { t.TenantId, t.UserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(t => new { t.TenantId, t.CreatedByUserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.ClientSetNull);
    }
}

internal sealed class ApiIdempotencyRecordConfiguration : IEntityTypeConfiguration<ApiIdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<ApiIdempotencyRecord> builder)
    {
        builder.ToTable("api_idempotency_keys");
        builder.HasKey(r => new { r.TenantId, r.TokenId, r.Key });
        builder.Property(r => r.Key).HasMaxLength(ApiIdempotencyRecord.KeyMaxLength);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(2000);
        builder.Property(r => r.ETag).HasMaxLength(100);
        builder.HasOne<ApiToken>().WithMany()
            .HasForeignKey(r => new { r.TenantId, r.TokenId })
            .HasPrincipalKey(t => new { t.TenantId, t.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
