using Homeward.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Capacity;

internal sealed class ServiceLocalityConfiguration : IEntityTypeConfiguration<ServiceLocality>
{
    public void Configure(EntityTypeBuilder<ServiceLocality> e)
    {
        e.HasKey(x => new { x.ServiceId, x.LocalityId });
        e.HasOne<Locality>().WithMany().HasForeignKey(x => x.LocalityId);
    }
}
