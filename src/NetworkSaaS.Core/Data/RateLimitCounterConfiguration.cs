using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetworkSaaS.Core.Features.RateLimiting;

namespace NetworkSaaS.Core.Data;

internal sealed class RateLimitCounterConfiguration : IEntityTypeConfiguration<RateLimitCounter>
{
    public void Configure(EntityTypeBuilder<RateLimitCounter> builder)
    {
        builder.ToTable("rate_limit_counters");
        builder.HasKey(c => new { c.Key, c.WindowStart });
        builder.Property(c => c.Key).HasMaxLength(160);
        builder.HasIndex(c => c.ExpiresAt);
    }
}
