using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;

namespace NetworkSaaS.Core.Data;

// ASP.NET Core Identity's tables, reshaped for tenancy: users and everything hanging off them are keyed by
// (tenant_id, …), and the user name / email indexes are unique per tenant only.
internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => new { u.TenantId, u.Id });
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.UserName).HasMaxLength(256);
        builder.Property(u => u.NormalizedUserName).HasMaxLength(256);
        builder.Property(u => u.Email).HasMaxLength(256);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(256);
        builder.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.DisplayNameKana).HasMaxLength(100);
        builder.Property(u => u.Title).HasMaxLength(100);
        builder.Property(u => u.Culture).HasMaxLength(10);
        builder.HasIndex(u => new { u.TenantId, u.NormalizedUserName }).IsUnique();
        builder.HasIndex(u => new { u.TenantId, u.NormalizedEmail }).IsUnique();
        builder.HasOne(u => u.Department)
            .WithMany()
            .HasForeignKey(u => new { u.TenantId, u.DepartmentId })
            .HasPrincipalKey(d => new { d.TenantId, d.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(u => u.ExternalId).HasMaxLength(256);
        builder.Property(u => u.FamilyName).HasMaxLength(100);
        builder.Property(u => u.GivenName).HasMaxLength(100);
        builder.HasIndex(u => new { u.TenantId, u.ExternalId });
        builder.HasOne<AppUser>()
            .WithMany()
            .HasForeignKey(u => new { u.TenantId, u.ManagerId })
            .HasPrincipalKey(m => new { m.TenantId, m.Id })
            .OnDelete(DeleteBehavior.ClientSetNull);
    }
}

internal sealed class AppRoleConfiguration : IEntityTypeConfiguration<AppRole>
{
    public void Configure(EntityTypeBuilder<AppRole> builder)
    {
        builder.ToTable("roles");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(64);
        builder.Property(r => r.NormalizedName).HasMaxLength(64);
        builder.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasIndex(r => r.NormalizedName).IsUnique();
        builder.HasMany<AppRoleClaim>().WithOne().HasForeignKey(rc => rc.RoleId).IsRequired();
    }
}

internal sealed class AppRoleClaimConfiguration : IEntityTypeConfiguration<AppRoleClaim>
{
    public void Configure(EntityTypeBuilder<AppRoleClaim> builder)
    {
        builder.ToTable("role_claims");
        builder.HasKey(rc => rc.Id);
    }
}

internal sealed class AppUserRoleConfiguration : IEntityTypeConfiguration<AppUserRole>
{
    public void Configure(EntityTypeBuilder<AppUserRole> builder)
    {
        builder.ToTable("user_roles");
        builder.HasKey(ur => new { ur.TenantId, ur.UserId, ur.RoleId });
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(ur => new { ur.TenantId, ur.UserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppRole>().WithMany().HasForeignKey(ur => ur.RoleId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AppUserClaimConfiguration : IEntityTypeConfiguration<AppUserClaim>
{
    public void Configure(EntityTypeBuilder<AppUserClaim> builder)
    {
        builder.ToTable("user_claims");
        builder.HasKey(uc => new { uc.TenantId, uc.Id });
        builder.Property(uc => uc.Id).UseIdentityByDefaultColumn();
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(uc => new { uc.TenantId, uc.UserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AppUserLoginConfiguration : IEntityTypeConfiguration<AppUserLogin>
{
    public void Configure(EntityTypeBuilder<AppUserLogin> builder)
    {
        builder.ToTable("user_logins");
        builder.HasKey(l => new { l.TenantId, l.LoginProvider, l.ProviderKey });
        builder.Property(l => l.LoginProvider).HasMaxLength(128);
        builder.Property(l => l.ProviderKey).HasMaxLength(128);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(l => new { l.TenantId, l.UserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AppUserTokenConfiguration : IEntityTypeConfiguration<AppUserToken>
{
    public void Configure(EntityTypeBuilder<AppUserToken> builder)
    {
        builder.ToTable("user_tokens");
        builder.HasKey(t => new { t.TenantId, t.UserId, t.LoginProvider, t.Name });
        builder.Property(t => t.LoginProvider).HasMaxLength(128);
        builder.Property(t => t.Name).HasMaxLength(128);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(t => new { t.TenantId, t.UserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AppUserPasskeyConfiguration : IEntityTypeConfiguration<AppUserPasskey>
{
    public void Configure(EntityTypeBuilder<AppUserPasskey> builder)
    {
        builder.ToTable("user_passkeys");
        builder.HasKey(p => new { p.TenantId, p.CredentialId });
        builder.Property(p => p.CredentialId).HasMaxLength(1024);
        builder.HasIndex(p => new { p.TenantId, p.UserId });
        builder.OwnsOne(p => p.Data, data =>
        {
            data.WithOwner().HasForeignKey(nameof(AppUserPasskey.TenantId), nameof(AppUserPasskey.CredentialId));
            data.Property(d => d.Name).HasMaxLength(100);
            data.Property(d => d.SignCount).HasConversion<long>();
        });
        builder.Navigation(p => p.Data).IsRequired();
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(p => new { p.TenantId, p.UserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.HasKey(i => new { i.TenantId, i.Id });
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(256);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => new { i.TenantId, i.TokenHash }).IsUnique();
        builder.HasIndex(i => new { i.TenantId, i.ExpiresAt });
        builder.HasOne(i => i.InvitedBy).WithMany()
            .HasForeignKey(i => new { i.TenantId, i.InvitedByUserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
