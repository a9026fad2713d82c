using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Calendar;

namespace NetworkSaaS.Core.Data;

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("calendar_feeds");
        builder.HasKey(f => new { f.TenantId, f.Id });
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.TokenHash).HasMaxLength(64);
        builder.HasIndex(f => new { f.TenantId, f.UserId }).IsUnique();
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(f => new { f.TenantId, f.UserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChatTargetConfiguration : IEntityTypeConfiguration<Features.Chat.ChatTarget>
{
    public void Configure(EntityTypeBuilder<Features.Chat.ChatTarget> builder)
    {
        builder.ToTable("chat_targets");
        builder.HasKey(t => new { t.TenantId, t.Id });
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.SecretHint).HasMaxLength(120);
        builder.Property(t => t.Channel).HasMaxLength(Features.Chat.ChatTarget.ChannelMaxLength);

        // One company target (user_id null) and one per person: nulls count as equal here.
        builder.HasIndex(t => new { t.TenantId, t.UserId }).IsUnique().AreNullsDistinct(false);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(t => new { t.TenantId, t.UserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
    }
}
