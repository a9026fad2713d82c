using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Cards;

namespace NetworkSaaS.Core.Data;

internal sealed class BusinessCardConfiguration : IEntityTypeConfiguration<BusinessCard>
{
    public void Configure(EntityTypeBuilder<BusinessCard> builder)
    {
        builder.ToTable("business_cards");
        builder.HasKey(c => new { c.TenantId, c.Id });
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Handle).HasMaxLength(BusinessCard.HandleMaxLength);
        builder.Property(c => c.Token).HasMaxLength(BusinessCard.TokenLength);
        builder.Property(c => c.Phone).HasMaxLength(BusinessCard.PhoneMaxLength);
        builder.Property(c => c.Message).HasMaxLength(BusinessCard.MessageMaxLength);
        builder.HasIndex(c => new { c.TenantId, c.Handle }).IsUnique();
        builder.HasIndex(c => new { c.TenantId, c.UserId }).IsUnique();
        builder.HasOne<AppUser>()
            .WithMany()
            .HasForeignKey(c => new { c.TenantId, c.UserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
