using Homeward.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.People;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.HasIndex(p => p.NhsNumber).IsUnique();
        e.HasIndex(p => new { p.FamilyName, p.GivenName });
        e.Property(p => p.GivenName).HasMaxLength(100);
        e.Property(p => p.FamilyName).HasMaxLength(100);
        e.Property(p => p.AddressLine1).HasMaxLength(200);
        e.Property(p => p.AddressLine2).HasMaxLength(200);
        e.Property(p => p.Town).HasMaxLength(100);
        e.Property(p => p.GpPracticeCode).HasMaxLength(12);
        e.Property(p => p.Language).HasMaxLength(100);
        e.Property(p => p.NhsNumberVerification).HasMaxLength(2);
        e.Property(p => p.CarerName).HasMaxLength(200);
        e.Property(p => p.CarerRelationship).HasMaxLength(100);
        e.Property(p => p.CarerPhone).HasMaxLength(40);
        e.Property(p => p.Phone).HasMaxLength(40);
        e.Property(p => p.MobilePhone).HasMaxLength(40);
        e.Property(p => p.Email).HasMaxLength(254);
        e.Property(p => p.ContactNotes).HasMaxLength(500);
        e.Property(p => p.AccessToHome).HasMaxLength(500);
        e.Property(p => p.KeySafeCode).HasMaxLength(20);
        e.HasIndex(p => p.Postcode);
        e.HasIndex(p => p.PostcodeDistrict);
        e.Property(p => p.PostcodeDistrict).HasMaxLength(4);
        e.HasIndex(p => p.DateOfBirth);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasOne<Locality>().WithMany().HasForeignKey(p => p.LocalityId);
    }
}
