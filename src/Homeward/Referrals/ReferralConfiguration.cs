using Homeward.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Referrals;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> e)
    {
        e.HasIndex(r => r.ReceivedAt);
        e.HasIndex(r => r.PersonId);
        e.Property(r => r.ReferrerName).HasMaxLength(200);
        e.Property(r => r.ReferrerOrganisation).HasMaxLength(200);
        e.Property(r => r.ReferrerContact).HasMaxLength(200);
        e.Property(r => r.Reason).HasMaxLength(4000);
        e.Property(r => r.Hospital).HasMaxLength(200);
        e.Property(r => r.Ward).HasMaxLength(100);
        e.Property(r => r.SubmittedBy).HasMaxLength(450);
        e.Property(r => r.SenderReference).HasMaxLength(300);
        e.Property(r => r.ToCheck).HasMaxLength(1000);
        // One referral for each reference a sending system gives: a resend finds the first (FHIR If-None-Exist).
        e.HasIndex(r => r.SenderReference);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
