using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Capacity;

internal sealed class BookingDayConfiguration : IEntityTypeConfiguration<BookingDay>
{
    public void Configure(EntityTypeBuilder<BookingDay> e)
    {
        e.HasKey(x => new { x.BookingId, x.Date });
        e.ToTable(t => t.HasCheckConstraint("CK_BookingDays_Amount", "\"Amount\" > 0"));
    }
}
