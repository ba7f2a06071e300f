using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.HasIndex(a => new { a.PersonId, a.At });
        e.HasIndex(a => new { a.UserId, a.At });
        e.HasIndex(a => a.At);
        e.Property(a => a.UserId).HasMaxLength(450);
        e.Property(a => a.UserName).HasMaxLength(256);
        e.Property(a => a.Action).HasMaxLength(AuditEntry.ActionLength);
        e.Property(a => a.EntityId).HasMaxLength(AuditEntry.EntityIdLength);
        e.Property(a => a.CorrelationId).HasMaxLength(128);
        e.HasIndex(a => a.Sequence).IsUnique();   // two sealers can never give out the same place in the chain
        e.Property(a => a.Hash).HasMaxLength(64).IsFixedLength(false);
        e.HasMany(a => a.People).WithOne().HasForeignKey(p => p.AuditEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
