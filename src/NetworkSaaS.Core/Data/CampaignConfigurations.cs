using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Campaigns;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Notifications;

namespace NetworkSaaS.Core.Data;

internal sealed class GreetingListEntryConfiguration : IEntityTypeConfiguration<GreetingListEntry>
{
    public void Configure(EntityTypeBuilder<GreetingListEntry> builder)
    {
        builder.ToTable("greeting_list_entries");

        // One row per contact and season: upserts and "mark sent once" rely on this key.
        builder.HasKey(e => new { e.TenantId, e.ContactId, e.Campaign, e.Season });
        builder.HasOne<Contact>().WithMany()
            .HasForeignKey(e => new { e.TenantId, e.ContactId }).HasPrincipalKey(c => new { c.TenantId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.TenantId, e.Campaign, e.Season });
    }
}

internal sealed class TransferConfirmationConfiguration : IEntityTypeConfiguration<TransferConfirmation>
{
    public void Configure(EntityTypeBuilder<TransferConfirmation> builder)
    {
        builder.ToTable("transfer_confirmations");

        // At most one confirmation per contact and year, whoever posts it and however often.
        builder.HasKey(t => new { t.TenantId, t.ContactId, t.Year });
        builder.HasOne<Contact>().WithMany()
            .HasForeignKey(t => new { t.TenantId, t.ContactId }).HasPrincipalKey(c => new { c.TenantId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignNotificationConfiguration : IEntityTypeConfiguration<CampaignNotification>
{
    public void Configure(EntityTypeBuilder<CampaignNotification> builder)
    {
        builder.ToTable("campaign_notifications");

        // The idempotency key: a second insert for the same user, campaign and season fails, whoever tries it.
        builder.HasKey(n => new { n.TenantId, n.UserId, n.Campaign, n.Season });
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(n => new { n.TenantId, n.UserId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Notification>().WithMany()
            .HasForeignKey(n => new { n.TenantId, n.NotificationId }).HasPrincipalKey(n => new { n.TenantId, n.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
