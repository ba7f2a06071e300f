using Homeward.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Capacity;

internal sealed class CareServiceConfiguration : IEntityTypeConfiguration<CareService>
{
    public void Configure(EntityTypeBuilder<CareService> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Phone).HasMaxLength(40);
        e.HasIndex(x => x.OrganisationId);
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Localities).WithOne().HasForeignKey(l => l.ServiceId);
        e.Ignore(x => x.Unit);
        e.ToTable(t => t.HasCheckConstraint("CK_CareServices_DefaultDailyCapacity", "\"DefaultDailyCapacity\" >= 0"));
    }
}
