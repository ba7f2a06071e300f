using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Care;

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> e)
    {
        e.HasIndex(x => x.EpisodeId);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Text).HasMaxLength(1000);
        e.Property(x => x.SetBy).HasMaxLength(256);
        e.HasMany(x => x.Scores).WithOne().HasForeignKey(s => s.GoalId);
        e.Navigation(x => x.Scores).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Ignore(x => x.Achieved);
        e.Ignore(x => x.LevelsFixed);
        e.OwnsOne(x => x.Levels, l =>
        {
            l.Ignore(x => x.All);
            foreach (var level in new[] { nameof(GoalLevels.MuchLess), nameof(GoalLevels.Less), nameof(GoalLevels.Expected), nameof(GoalLevels.More), nameof(GoalLevels.MuchMore) })
                l.Property(level).HasColumnName("Level" + level).HasMaxLength(500);
        });
    }
}
