using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Care;

internal sealed class GoalScoreConfiguration : IEntityTypeConfiguration<GoalScore>
{
    public void Configure(EntityTypeBuilder<GoalScore> e)
    {
        e.Property(x => x.Note).HasMaxLength(2000);
        e.Property(x => x.By).HasMaxLength(256);
        e.ToTable(t => t.HasCheckConstraint("CK_GoalScores_Score", "\"Score\" BETWEEN -2 AND 2"));
    }
}
