using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.FollowUps;

internal sealed class FollowUpAttemptConfiguration : IEntityTypeConfiguration<FollowUpAttempt>
{
    public void Configure(EntityTypeBuilder<FollowUpAttempt> e)
    {
        e.Property(x => x.Notes).HasMaxLength(2000);
        e.Property(x => x.By).HasMaxLength(256);
    }
}
