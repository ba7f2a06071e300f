using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Care;

internal sealed class CarePlanConfiguration : IEntityTypeConfiguration<CarePlan>
{
    public void Configure(EntityTypeBuilder<CarePlan> e)
    {
        e.HasKey(x => x.EpisodeId);
        e.HasOne<Episode>().WithOne().HasForeignKey<Care.CarePlan>(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.WillDo).HasMaxLength(4000);
        e.Property(x => x.WillNotDo).HasMaxLength(4000);
        e.Property(x => x.TransitionPlan).HasMaxLength(4000);
        e.Property(x => x.Tasks).HasMaxLength(Care.PlanTasks.MostLines * (Care.PlanTasks.LongestLine + 40));
        e.Property(x => x.Medicines).HasMaxLength(Care.PlanTasks.MostLines * (Care.PlanTasks.LongestLine + 40));
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.Property(x => x.Skill).HasMaxLength(Homeward.Rotas.CareSkills.LongestName);
        e.Ignore(x => x.Pattern);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
