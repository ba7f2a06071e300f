using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Referrals;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.HasKey(r => new { r.UserId, r.Key });
        e.Property(r => r.UserId).HasMaxLength(450);
        e.Property(r => r.Key).HasMaxLength(200);
        e.Property(r => r.RequestHash).HasMaxLength(64);
    }
}
