using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Handover;

namespace NetworkSaaS.Core.Data;

internal sealed class LeaverHandoverConfiguration : IEntityTypeConfiguration<LeaverHandover>
{
    public void Configure(EntityTypeBuilder<LeaverHandover> builder)
    {
        builder.ToTable("leaver_handovers");
        builder.HasKey(h => new { h.TenantId, h.LeaverId });
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(h => new { h.TenantId, h.LeaverId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(h => new { h.TenantId, h.SuccessorId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LeaverContactDecisionConfiguration : IEntityTypeConfiguration<LeaverContactDecision>
{
    public void Configure(EntityTypeBuilder<LeaverContactDecision> builder)
    {
        builder.ToTable("leaver_contact_decisions");
        builder.HasKey(d => new { d.TenantId, d.ContactId });
        builder.HasOne<Contact>().WithMany()
            .HasForeignKey(d => new { d.TenantId, d.ContactId }).HasPrincipalKey(c => new { c.TenantId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(d => new { d.TenantId, d.LeaverId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.TenantId, d.LeaverId });
    }
}

internal sealed class ContactHandoverConfiguration : IEntityTypeConfiguration<ContactHandover>
{
    public void Configure(EntityTypeBuilder<ContactHandover> builder)
    {
        builder.ToTable("contact_handovers");
        builder.HasKey(h => new { h.TenantId, h.Id });
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Reason).HasMaxLength(ContactHandover.ReasonMaxLength);
        builder.HasOne<Contact>().WithMany()
            .HasForeignKey(h => new { h.TenantId, h.ContactId }).HasPrincipalKey(c => new { c.TenantId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(h => new { h.TenantId, h.FromUserId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(h => new { h.TenantId, h.ToUserId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(h => new { h.TenantId, h.ByUserId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => new { h.TenantId, h.ContactId, h.HandedOverAt });
        builder.HasIndex(h => new { h.TenantId, h.FromUserId });
        builder.HasIndex(h => new { h.TenantId, h.ToUserId, h.HandedOverAt });
    }
}
