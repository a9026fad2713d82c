using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;
using NetworkSaaS.Core.Features.Introductions;
using NetworkSaaS.Core.Features.Notifications;
using NetworkSaaS.Core.Features.Organization;

namespace NetworkSaaS.Core.Data;

internal sealed class IntroductionRequestConfiguration : IEntityTypeConfiguration<IntroductionRequest>
{
    public void Configure(EntityTypeBuilder<IntroductionRequest> builder)
    {
        builder.ToTable("introduction_requests");
        builder.HasKey(r => new { r.TenantId, r.Id });
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.TargetSummary).HasMaxLength(500);
        builder.Property(r => r.Reason).HasMaxLength(2000);
        builder.Property(r => r.DeclineReason).HasMaxLength(2000);
        builder.Property(r => r.WonAmount).HasPrecision(18, 2);
        builder.Property(r => r.WonCurrency).HasMaxLength(3);
        builder.Property(r => r.PersonKey).HasMaxLength(64);
        builder.Property(r => r.Version).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        builder.Ignore(r => r.IsOpen);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(r => new { r.TenantId, r.RequesterId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(r => new { r.TenantId, r.ConnectorId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        // The database sets only contact_id to null when the contact is deleted (see the Introductions migration).
        builder.HasOne<Contact>().WithMany()
            .HasForeignKey(r => new { r.TenantId, r.ContactId }).HasPrincipalKey(c => new { c.TenantId, c.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany()
            .HasForeignKey(r => new { r.TenantId, r.OrganizationId }).HasPrincipalKey(o => new { o.TenantId, o.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Ask>().WithMany()
            .HasForeignKey(r => new { r.TenantId, r.AskId }).HasPrincipalKey(a => new { a.TenantId, a.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.TenantId, r.RequesterId, r.CreatedAt });
        builder.HasIndex(r => new { r.TenantId, r.ConnectorId, r.CreatedAt });
        builder.HasIndex(r => new { r.TenantId, r.ContactId });
        // The reminder job's scan: requests still waiting for their connector, oldest first.
        builder.HasIndex(r => new { r.TenantId, r.CreatedAt }, "ix_introduction_requests_awaiting_answer").HasFilter("state = 1");
        // Company-wide reports read the introductions requested in a period.
        builder.HasIndex(r => new { r.TenantId, r.CreatedAt });
        // A double submit cannot open a second request for the same person while one is pending.
        builder.HasIndex(r => new { r.TenantId, r.RequesterId, r.ContactId }).IsUnique()
            .HasDatabaseName("ux_introduction_requests_open_per_contact")
            .HasFilter("state IN (1, 2) AND contact_id IS NOT NULL");
        // …nor a second request for the same person through another colleague's record of them.
        builder.HasIndex(r => new { r.TenantId, r.RequesterId, r.PersonKey }).IsUnique()
            .HasDatabaseName("ux_introduction_requests_open_per_person")
            .HasFilter("state IN (1, 2) AND person_key IS NOT NULL");
        builder.HasIndex(r => new { r.TenantId, r.RequesterId, r.ConnectorId, r.OrganizationId }).IsUnique()
            .HasDatabaseName("ux_introduction_requests_open_per_organization")
            .HasFilter("state = 1 AND contact_id IS NULL");
    }
}

internal sealed class IntroductionEventConfiguration : IEntityTypeConfiguration<IntroductionEvent>
{
    public void Configure(EntityTypeBuilder<IntroductionEvent> builder)
    {
        builder.ToTable("introduction_events");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Text).HasMaxLength(4000);
        builder.HasOne<IntroductionRequest>().WithMany()
            .HasForeignKey(e => new { e.TenantId, e.RequestId }).HasPrincipalKey(r => new { r.TenantId, r.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(e => new { e.TenantId, e.ActorId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.TenantId, e.RequestId, e.At });
    }
}

internal sealed class IntroductionReminderConfiguration : IEntityTypeConfiguration<IntroductionReminder>
{
    public void Configure(EntityTypeBuilder<IntroductionReminder> builder)
    {
        builder.ToTable("introduction_reminders");

        // The idempotency key: a second insert for the same due item fails, whoever tries it.
        builder.HasKey(r => new { r.TenantId, r.RequestId, r.Kind, r.DueKey });
        builder.HasOne<IntroductionRequest>().WithMany()
            .HasForeignKey(r => new { r.TenantId, r.RequestId }).HasPrincipalKey(q => new { q.TenantId, q.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(r => new { r.TenantId, r.ActorId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AskConfiguration : IEntityTypeConfiguration<Ask>
{
    public void Configure(EntityTypeBuilder<Ask> builder)
    {
        builder.ToTable("asks");
        builder.HasKey(a => new { a.TenantId, a.Id });
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Details).HasMaxLength(4000);
        builder.Property(a => a.CompanyName).HasMaxLength(200);
        builder.Property(a => a.RewardNote).HasMaxLength(500);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(a => new { a.TenantId, a.AuthorId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany()
            .HasForeignKey(a => new { a.TenantId, a.OrganizationId }).HasPrincipalKey(o => new { o.TenantId, o.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Department>().WithMany()
            .HasForeignKey(a => new { a.TenantId, a.DepartmentId }).HasPrincipalKey(d => new { d.TenantId, d.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.TenantId, a.State, a.CreatedAt });
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => new { n.TenantId, n.Id });
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Kind).HasMaxLength(64);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(n => new { n.TenantId, n.UserId }).HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<IntroductionRequest>().WithMany()
            .HasForeignKey(n => new { n.TenantId, n.IntroductionId }).HasPrincipalKey(r => new { r.TenantId, r.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Ask>().WithMany()
            .HasForeignKey(n => new { n.TenantId, n.AskId }).HasPrincipalKey(a => new { a.TenantId, a.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.TenantId, n.UserId, n.CreatedAt });
        builder.HasIndex(n => new { n.TenantId, n.UserId }).HasFilter("read_at IS NULL").HasDatabaseName("ix_notifications_unread");
    }
}
