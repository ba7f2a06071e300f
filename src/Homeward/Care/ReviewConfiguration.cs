using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Care;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> e)
    {
        e.HasIndex(x => new { x.EpisodeId, x.DueOn });
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Notes).HasMaxLength(4000);
        e.Property(x => x.HeldBy).HasMaxLength(256);
    }
}
