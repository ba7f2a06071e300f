using Homeward.Access;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Care;

internal sealed class CommunitySupportConfiguration : IEntityTypeConfiguration<CommunitySupport>
{
    public void Configure(EntityTypeBuilder<CommunitySupport> e)
    {
        e.HasIndex(x => x.EpisodeId);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Organisation).HasMaxLength(200);
        e.Property(x => x.Notes).HasMaxLength(2000);
        e.Property(x => x.By).HasMaxLength(256);
    }
}
