using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Capacity;

internal sealed class PersonDayConfiguration : IEntityTypeConfiguration<PersonDay>
{
    public void Configure(EntityTypeBuilder<PersonDay> e)
    {
        e.HasKey(x => new { x.PersonId, x.Date });
        e.HasIndex(x => x.BookingId);
        e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}
