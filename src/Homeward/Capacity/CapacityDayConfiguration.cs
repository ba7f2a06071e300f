using Homeward.Access;
using Homeward.People;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Capacity;

internal sealed class CapacityDayConfiguration : IEntityTypeConfiguration<CapacityDay>
{
    public void Configure(EntityTypeBuilder<CapacityDay> e)
    {
        e.HasKey(x => new { x.ServiceId, x.Date });
        e.HasOne<CareService>().WithMany().HasForeignKey(x => x.ServiceId);
        e.Ignore(x => x.Free);
        e.Ignore(x => x.OverCommitted);
        // The last line of defence: whatever the code does, nothing is booked below zero or beyond sense.
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_CapacityDays_Capacity", "\"Capacity\" >= 0 AND \"Capacity\" <= 1000000");
            t.HasCheckConstraint("CK_CapacityDays_Booked", "\"Booked\" >= 0");
        });
    }
}
