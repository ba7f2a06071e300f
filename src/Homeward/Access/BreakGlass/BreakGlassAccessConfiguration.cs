using Homeward.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Access;

internal sealed class BreakGlassAccessConfiguration : IEntityTypeConfiguration<BreakGlassAccess>
{
    public void Configure(EntityTypeBuilder<BreakGlassAccess> e)
    {
        e.HasIndex(b => new { b.UserId, b.PersonId, b.ExpiresAt });
        e.HasIndex(b => new { b.ReviewedAt, b.StartedAt });
        e.Property(b => b.UserId).HasMaxLength(450);
        e.Property(b => b.UserName).HasMaxLength(256);
        e.Property(b => b.Reason).HasMaxLength(1000);
        e.Property(b => b.ChangeReason).HasMaxLength(1000);
        e.Property(b => b.ReviewedBy).HasMaxLength(256);
        e.Property(b => b.ReviewNote).HasMaxLength(2000);
        e.Ignore(b => b.Until);
        e.HasOne<Person>().WithMany().HasForeignKey(b => b.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
