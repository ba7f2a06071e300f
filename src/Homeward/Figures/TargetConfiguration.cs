using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Figures;

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> e)
    {
        e.HasKey(x => x.Code);
        e.Property(x => x.Value).HasPrecision(18, 6);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
    }
}
