using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Episodes;

internal sealed class EpisodeEventConfiguration : IEntityTypeConfiguration<EpisodeEvent>
{
    public void Configure(EntityTypeBuilder<EpisodeEvent> e)
    {
        e.HasIndex(v => new { v.EpisodeId, v.At });
        e.HasIndex(v => new { v.Type, v.At });
        e.Property(v => v.ActorUserId).HasMaxLength(450);
        e.Property(v => v.ActorName).HasMaxLength(200);
        e.Property(v => v.Detail).HasMaxLength(4000);
    }
}
