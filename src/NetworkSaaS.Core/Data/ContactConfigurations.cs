using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.Accounts;
using NetworkSaaS.Core.Features.Contacts;

namespace NetworkSaaS.Core.Data;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("contacts");
        builder.HasKey(c => new { c.TenantId, c.Id });
        builder.Property(c => c.Id).ValueGeneratedNever();
        foreach (var name in new[] { nameof(Contact.FamilyName), nameof(Contact.GivenName), nameof(Contact.FamilyNameKana), nameof(Contact.GivenNameKana) })
        {
            builder.Property(name).HasMaxLength(100);
        }

        builder.Property(c => c.DisplayName).HasMaxLength(201);
        builder.Property(c => c.SortKey).HasMaxLength(201);
        builder.Property(c => c.CompanyName).HasMaxLength(200);
        builder.Property(c => c.Department).HasMaxLength(200);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.Address).HasMaxLength(1000);
        builder.Property(c => c.Notes).HasMaxLength(10_000);
        builder.Property(c => c.MetAt).HasMaxLength(200);
        builder.Property(c => c.VCardUid).HasMaxLength(200);
        builder.HasOne(c => c.Owner).WithMany()
            .HasForeignKey(c => new { c.TenantId, c.OwnerId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Organization).WithMany()
            .HasForeignKey(c => new { c.TenantId, c.OrganizationId })
            .HasPrincipalKey(o => new { o.TenantId, o.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(c => new { c.TenantId, c.IntroducedByUserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        // The owner's contacts in name order: "My network" loads them in this order (MyNetworkQuery); the next-touch one
        // serves the stay-in-touch digest and the overdue counts, index-only.
        builder.HasIndex(c => new { c.TenantId, c.OwnerId, c.SortKey, c.Id });
        builder.HasIndex(c => new { c.TenantId, c.OwnerId, c.NextTouchOn, c.SortKey, c.Id });
        builder.HasIndex(c => new { c.TenantId, c.OrganizationId });
        builder.HasIndex(c => new { c.TenantId, c.OwnerId, c.SortKey }, "ix_contacts_review_pending").HasFilter("review_pending");
        // Company-wide reports: contacts added in a period and touches overdue today, per owner, index-only.
        builder.HasIndex(c => new { c.TenantId, c.CreatedAt }, "ix_contacts_reports_created").IncludeProperties(c => c.OwnerId);
        builder.HasIndex(c => new { c.TenantId, c.NextTouchOn }, "ix_contacts_reports_next_touch").IncludeProperties(c => c.OwnerId);
        builder.HasIndex(c => c.Emails).HasMethod("gin");
        builder.HasIndex(c => c.PhonesE164).HasMethod("gin");
        // No index on search_text: under row-level security LIKE and strpos are not leakproof, so PostgreSQL never uses
        // them as index conditions. "My network" searches one owner's contacts in memory (MyNetworkQuery).
    }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("organizations");
        builder.HasKey(o => new { o.TenantId, o.Id });
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.NormalizedName).HasMaxLength(200);
        builder.Property(o => o.Domain).HasMaxLength(200);
        builder.Property(o => o.Industry).HasMaxLength(100);
        builder.HasIndex(o => new { o.TenantId, o.NormalizedName }).IsUnique();
    }
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.ToTable("interactions");
        builder.HasKey(i => new { i.TenantId, i.Id });
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Note).HasMaxLength(4000);
        builder.HasOne<Contact>().WithMany()
            .HasForeignKey(i => new { i.TenantId, i.ContactId })
            .HasPrincipalKey(c => new { c.TenantId, c.Id })
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(i => new { i.TenantId, i.CreatedByUserId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.TenantId, i.ContactId, i.OccurredOn });
        // Reports: interactions logged in a period, by the colleagues of a department or the whole company.
        builder.HasIndex(i => new { i.TenantId, i.CreatedByUserId, i.OccurredOn });
        builder.HasIndex(i => new { i.TenantId, i.OccurredOn }, "ix_interactions_reports_occurred").IncludeProperties(i => i.CreatedByUserId);
    }
}

internal sealed class ContactMergeConfiguration : IEntityTypeConfiguration<ContactMerge>
{
    public void Configure(EntityTypeBuilder<ContactMerge> builder)
    {
        builder.ToTable("contact_merges");
        builder.HasKey(m => new { m.TenantId, m.Id });
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.SurvivorBefore).HasColumnType("jsonb");
        builder.Property(m => m.Absorbed).HasColumnType("jsonb");
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(m => new { m.TenantId, m.OwnerId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.TenantId, m.SurvivorId });
    }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.ToTable("import_batches");
        builder.HasKey(b => new { b.TenantId, b.Id });
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.FileName).HasMaxLength(260);
        builder.Property(b => b.Format).HasMaxLength(32);
        builder.Property(b => b.EncodingName).HasMaxLength(32);
        builder.Property(b => b.RejectedJson).HasColumnType("jsonb");
        builder.Property(b => b.Failure).HasMaxLength(2000);
        builder.HasOne<AppUser>().WithMany()
            .HasForeignKey(b => new { b.TenantId, b.OwnerId })
            .HasPrincipalKey(u => new { u.TenantId, u.Id })
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.TenantId, b.OwnerId, b.CreatedAt });
    }
}
