using Homeward.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Access;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> e)
    {
        e.HasIndex(t => t.Hash).IsUnique();
        e.Property(t => t.Hash).HasMaxLength(64);
        e.Property(t => t.Name).HasMaxLength(100);
        e.HasOne<HomewardUser>().WithMany().HasForeignKey(t => t.UserId);
    }
}
