using Homeward.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Administration;

internal sealed class HospitalSiteConfiguration : IEntityTypeConfiguration<HospitalSite>
{
    public void Configure(EntityTypeBuilder<HospitalSite> e)
    {
        e.HasIndex(s => s.SiteCode).IsUnique();
        e.Property(s => s.SiteCode).HasMaxLength(12);
        e.Property(s => s.Name).HasMaxLength(200);
        e.Property(s => s.Version).IsConcurrencyToken();
        e.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> e)
    {
        e.Property(p => p.Name).HasMaxLength(200);
        e.Property(p => p.CouncilOdsCode).HasMaxLength(12);
        e.Property(p => p.Phone).HasMaxLength(40);
        e.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> e)
    {
        e.HasIndex(o => o.OdsCode).IsUnique();
        e.Property(o => o.OdsCode).HasMaxLength(12);
        e.Property(o => o.Name).HasMaxLength(200);
        e.Property(o => o.Version).IsConcurrencyToken();
    }
}

internal sealed class LocalityConfiguration : IEntityTypeConfiguration<Locality>
{
    public void Configure(EntityTypeBuilder<Locality> e)
    {
        e.HasIndex(l => l.Name).IsUnique();
        e.Property(l => l.Name).HasMaxLength(100);
        e.Property(l => l.Version).IsConcurrencyToken();
    }
}
