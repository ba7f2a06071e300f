using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Planning;

internal sealed class PlanningRunConfiguration : IEntityTypeConfiguration<PlanningRun>
{
    public void Configure(EntityTypeBuilder<PlanningRun> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
        e.HasIndex(x => x.CreatedAt);
    }
}
