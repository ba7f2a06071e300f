using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Referrals.SentWith;

public sealed class SentDocumentConfiguration : IEntityTypeConfiguration<SentDocument>
{
    public void Configure(EntityTypeBuilder<SentDocument> e)
    {
        e.ToTable("SentDocuments");
        e.HasKey(d => d.Id);
        e.HasIndex(d => new { d.ReferralId, d.Position });
        e.HasOne<Referral>().WithMany().HasForeignKey(d => d.ReferralId).OnDelete(DeleteBehavior.Cascade);
        e.Property(d => d.ResourceType).HasMaxLength(64);
        e.Property(d => d.SenderId).HasMaxLength(300);
        e.Property(d => d.Summary).HasMaxLength(1000);
    }
}
