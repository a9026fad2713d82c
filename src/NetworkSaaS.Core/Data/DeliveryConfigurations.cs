using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Deliveries;
using NetworkSaaS.Core.Features.Webhooks;

namespace NetworkSaaS.Core.Data;

internal sealed class OutgoingDeliveryConfiguration : IEntityTypeConfiguration<OutgoingDelivery>
{
    public void Configure(EntityTypeBuilder<OutgoingDelivery> builder)
    {
        builder.ToTable("outgoing_deliveries");
        builder.HasKey(d => new { d.TenantId, d.Id });
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Channel).HasMaxLength(OutgoingDelivery.ChannelMaxLength);
        builder.Property(d => d.Label).HasMaxLength(OutgoingDelivery.LabelMaxLength);
        builder.Property(d => d.Target).HasMaxLength(OutgoingDelivery.TargetMaxLength);
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.Property(d => d.Error).HasMaxLength(OutgoingDelivery.ErrorMaxLength);
        // The sweep's question: what is due now.
        builder.HasIndex(d => new { d.TenantId, d.NextAttemptAt }).HasFilter("state = 1").HasDatabaseName("ix_outgoing_deliveries_due");
        // The delivery log: a sender's deliveries, newest first.
        builder.HasIndex(d => new { d.TenantId, d.Channel, d.OwnerId, d.CreatedAt });
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions");
        builder.HasKey(s => new { s.TenantId, s.Id });
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Url).HasMaxLength(OutgoingDelivery.TargetMaxLength);
        builder.Property(s => s.Description).HasMaxLength(WebhookSubscription.DescriptionMaxLength);
        builder.Property(s => s.Events).HasColumnType("text[]");
        builder.HasIndex(s => new { s.TenantId, s.CreatedAt });
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(s => new { s.TenantId, s.CreatedByUserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.ClientSetNull);
    }
}
