using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Capacity;

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> e)
    {
        e.HasIndex(x => new { x.ServiceId, x.Status });
        e.HasIndex(x => new { x.PersonId, x.Status });
        e.HasIndex(x => x.EpisodeId);
        e.Property(x => x.DeclineReason).HasMaxLength(2000);
        e.Property(x => x.CreatedBy).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<CareService>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Days).WithOne().HasForeignKey(d => d.BookingId);
        e.Ignore(x => x.Holds);
    }
}
