using Homeward.Access;
using Homeward.Episodes;
using Homeward.People;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.FollowUps;

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> e)
    {
        e.HasIndex(x => x.EpisodeId).IsUnique();
        e.HasIndex(x => new { x.Result, x.DueOn });
        // Needs attention: the follow-ups due and not done (a region has 200,000 follow-ups, 2,000 of them due).
        e.HasIndex(x => new { x.CompletedAt, x.DueOn });
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.CompletedBy).HasMaxLength(256);
        e.Property(x => x.Notes).HasMaxLength(2000);
        e.HasMany(x => x.Attempts).WithOne().HasForeignKey(a => a.FollowUpId);
        e.Navigation(x => x.Attempts).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
