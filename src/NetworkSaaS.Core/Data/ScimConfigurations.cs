using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Scim;

namespace NetworkSaaS.Core.Data;

internal sealed class ScimTokenConfiguration : IEntityTypeConfiguration<ScimToken>
{
    public void Configure(EntityTypeBuilder<ScimToken> builder)
    {
        builder.ToTable("scim_tokens");
        builder.HasKey(t => new { t.TenantId, t.Id });
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(ScimToken.NameMaxLength);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(t => new { t.TenantId, t.CreatedByUserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.ClientSetNull);
    }
}

internal sealed class ScimGroupConfiguration : IEntityTypeConfiguration<ScimGroup>
{
    public void Configure(EntityTypeBuilder<ScimGroup> builder)
    {
        builder.ToTable("scim_groups");
        builder.HasKey(g => new { g.TenantId, g.Id });
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.DisplayName).HasMaxLength(ScimGroup.DisplayNameMaxLength);
        builder.Property(g => g.ExternalId).HasMaxLength(256);
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.HasIndex(g => new { g.TenantId, g.DisplayName });
        builder.HasMany(g => g.Members).WithOne()
            .HasForeignKey(m => new { m.TenantId, m.GroupId })
            .HasPrincipalKey(g => new { g.TenantId, g.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScimGroupMemberConfiguration : IEntityTypeConfiguration<ScimGroupMember>
{
    public void Configure(EntityTypeBuilder<ScimGroupMember> builder)
    {
        builder.ToTable("scim_group_members");
        builder.HasKey(m => new { m.TenantId, m.GroupId, m.UserId });
        builder.HasIndex(m => new { m.TenantId, m.UserId });
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(m => new { m.TenantId, m.UserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
