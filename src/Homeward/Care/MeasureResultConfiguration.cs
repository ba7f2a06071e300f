using Homeward.Capacity;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Care;

internal sealed class MeasureResultConfiguration : IEntityTypeConfiguration<MeasureResult>
{
    public void Configure(EntityTypeBuilder<MeasureResult> e)
    {
        e.HasIndex(x => new { x.EpisodeId, x.MeasureCode });
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.MeasureCode).HasMaxLength(40);
        e.Property(x => x.Values).HasMaxLength(4000);
        e.Property(x => x.By).HasMaxLength(256);
        e.Property(x => x.Total).HasPrecision(12, 2);
    }
}
