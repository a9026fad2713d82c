using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Core.Data;

internal sealed class DirectoryGroupRoleConfiguration : IEntityTypeConfiguration<DirectoryGroupRole>
{
    public void Configure(EntityTypeBuilder<DirectoryGroupRole> builder)
    {
        builder.ToTable("directory_group_roles", t => t.HasCheckConstraint("ck_directory_group_roles_role",
            "role IN ('Admin', 'HR', 'Manager', 'Executive')"));
        builder.HasKey(m => new { m.TenantId, m.Id });
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.GroupName).HasMaxLength(DirectoryGroupRole.GroupMaxLength);
        builder.Property(m => m.Role).HasMaxLength(32);
        builder.HasIndex(m => new { m.TenantId, m.GroupName, m.Role }).IsUnique();
    }
}
