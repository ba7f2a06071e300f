using Homeward.People;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Episodes;

internal sealed class EpisodeConfiguration : IEntityTypeConfiguration<Episode>
{
    public void Configure(EntityTypeBuilder<Episode> e)
    {
        e.HasIndex(x => x.ReferralId).IsUnique();
        e.HasIndex(x => new { x.Status, x.Pathway });
        e.HasIndex(x => x.PersonId);
        // The last day's referrals (system pressure, the 2-hour standard) without reading a region's million.
        e.HasIndex(x => x.ReferredAt);
        e.Property(x => x.NonHomeReason).HasMaxLength(2000);
        e.Property(x => x.DeclineReason).HasMaxLength(2000);
        e.Property(x => x.WaitingFor).HasMaxLength(200);
        e.Property(x => x.EndNotes).HasMaxLength(4000);
        e.Property(x => x.CancelReason).HasMaxLength(2000);
        e.Property(x => x.UrgentOutcomeReason).HasMaxLength(2000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Events).WithOne().HasForeignKey(v => v.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        e.Navigation(x => x.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
