using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Care;

internal sealed class CustomMeasureConfiguration : IEntityTypeConfiguration<CustomMeasure>
{
    public void Configure(EntityTypeBuilder<CustomMeasure> e)
    {
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(40);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
    }
}
