using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Sso;

namespace NetworkSaaS.Core.Data;

internal sealed class SsoConnectionConfiguration : IEntityTypeConfiguration<SsoConnection>
{
    public void Configure(EntityTypeBuilder<SsoConnection> builder)
    {
        builder.ToTable("sso_connections");
        builder.HasKey(c => new { c.TenantId, c.Id });
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(SsoConnection.NameMaxLength);
        builder.Property(c => c.Authority).HasMaxLength(SsoConnection.UrlMaxLength);
        builder.Property(c => c.ClientId).HasMaxLength(SsoConnection.ClientIdMaxLength);
        builder.Property(c => c.ProtectedClientSecret).HasMaxLength(4000);
        builder.Property(c => c.EmailClaim).HasMaxLength(SsoConnection.ClaimMaxLength);
        builder.Property(c => c.NameClaim).HasMaxLength(SsoConnection.ClaimMaxLength);
        builder.Property(c => c.KanaClaim).HasMaxLength(SsoConnection.ClaimMaxLength);
        builder.Property(c => c.DepartmentClaim).HasMaxLength(SsoConnection.ClaimMaxLength);
        builder.Property(c => c.TitleClaim).HasMaxLength(SsoConnection.ClaimMaxLength);
        builder.Property(c => c.GroupsClaim).HasMaxLength(SsoConnection.ClaimMaxLength);
        builder.HasMany(c => c.Domains).WithOne()
            .HasForeignKey(d => new { d.TenantId, d.ConnectionId }).HasPrincipalKey(c => new { c.TenantId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SsoDomainConfiguration : IEntityTypeConfiguration<SsoDomain>
{
    public void Configure(EntityTypeBuilder<SsoDomain> builder)
    {
        builder.ToTable("sso_domains");
        builder.HasKey(d => new { d.TenantId, d.Domain });
        builder.Property(d => d.Domain).HasMaxLength(SsoDomain.MaxLength);

        // Deliberately without tenant_id: one company per domain across the platform (see SsoDomain).
        builder.HasIndex(d => d.Domain).IsUnique();
    }
}
