using Homeward.Episodes;
using Homeward.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Visits;

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> e)
    {
        e.HasIndex(x => new { x.Date, x.WindowStart });
        e.HasIndex(x => new { x.EpisodeId, x.Date });
        e.HasIndex(x => new { x.Status, x.FollowedUpAt });
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Notes).HasMaxLength(4000);
        e.Property(x => x.RecordedBy).HasMaxLength(256);
        e.Property(x => x.FollowUpNotes).HasMaxLength(2000);
        e.Property(x => x.FollowedUpBy).HasMaxLength(256);
        e.Property(x => x.Skill).HasMaxLength(Homeward.Rotas.CareSkills.LongestName);
        e.Ignore(x => x.Flagged);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
