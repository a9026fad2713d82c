using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Notifications;

namespace NetworkSaaS.Core.Data;

internal sealed class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettings>
{
    public void Configure(EntityTypeBuilder<NotificationSettings> builder)
    {
        builder.ToTable("notification_settings", t => t.HasCheckConstraint("ck_notification_settings_digest_hour", "digest_hour BETWEEN 0 AND 23"));
        builder.HasKey(s => new { s.TenantId, s.UserId });
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(s => new { s.TenantId, s.UserId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DigestDeliveryConfiguration : IEntityTypeConfiguration<DigestDelivery>
{
    public void Configure(EntityTypeBuilder<DigestDelivery> builder)
    {
        builder.ToTable("digest_deliveries");

        // The idempotency key: a second insert for the same user and day fails, whoever tries it.
        builder.HasKey(d => new { d.TenantId, d.UserId, d.DigestOn });
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(d => new { d.TenantId, d.UserId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Notification>().WithMany()
            .HasForeignKey(d => new { d.TenantId, d.NotificationId }).HasPrincipalKey(n => new { n.TenantId, n.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.TenantId, d.CreatedAt }).HasFilter("email_wanted AND email_sent_at IS NULL").HasDatabaseName("ix_digest_deliveries_unsent_email");
    }
}

internal sealed class NotificationEmailConfiguration : IEntityTypeConfiguration<NotificationEmail>
{
    public void Configure(EntityTypeBuilder<NotificationEmail> builder)
    {
        builder.ToTable("notification_emails");
        builder.HasKey(e => new { e.TenantId, e.NotificationId });
        builder.HasOne<Notification>().WithOne()
            .HasForeignKey<NotificationEmail>(e => new { e.TenantId, e.NotificationId }).HasPrincipalKey<Notification>(n => new { n.TenantId, n.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.TenantId, e.CreatedAt }).HasFilter("state = 1").HasDatabaseName("ix_notification_emails_pending");
    }
}
