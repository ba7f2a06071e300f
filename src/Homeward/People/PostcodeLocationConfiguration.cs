using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.People;

internal sealed class PostcodeLocationConfiguration : IEntityTypeConfiguration<PostcodeLocation>
{
    public void Configure(EntityTypeBuilder<PostcodeLocation> e)
    {
        e.HasKey(x => x.Postcode);
        e.Property(x => x.Postcode).HasMaxLength(8);
        e.Property(x => x.District).HasMaxLength(4);
        e.HasIndex(x => x.District);
    }
}
