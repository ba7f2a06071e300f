using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Rotas;

internal sealed class CareWorkerConfiguration : IEntityTypeConfiguration<CareWorker>
{
    public void Configure(EntityTypeBuilder<CareWorker> e)
    {
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Skills).HasMaxLength(500);
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.Postcode).HasMaxLength(8);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => x.ServiceId);
        e.HasIndex(x => x.UserName);
    }
}

/// <summary>A rota and what it is made of: its carers' days, assignments and gaps, removed with it.</summary>
internal sealed class RotaConfiguration : IEntityTypeConfiguration<Rota>, IEntityTypeConfiguration<RotaAssignment>, IEntityTypeConfiguration<RotaGap>,
    IEntityTypeConfiguration<RotaWorkerDay>
{
    public void Configure(EntityTypeBuilder<Rota> e)
    {
        e.Property(x => x.BuiltBy).HasMaxLength(256);
        e.Property(x => x.PublishedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.ServiceId, x.Date, x.Status });
        e.HasMany(x => x.Assignments).WithOne().HasForeignKey(a => a.RotaId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Gaps).WithOne().HasForeignKey(g => g.RotaId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Workers).WithOne().HasForeignKey(w => w.RotaId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RotaAssignment> e)
    {
        e.HasKey(x => new { x.RotaId, x.VisitId, x.Second });
        e.HasIndex(x => x.VisitId);
        e.HasIndex(x => x.WorkerId);
    }

    public void Configure(EntityTypeBuilder<RotaGap> e)
    {
        e.HasKey(x => new { x.RotaId, x.VisitId, x.Second });
        e.Property(x => x.Reason).HasMaxLength(500);
    }

    public void Configure(EntityTypeBuilder<RotaWorkerDay> e) => e.HasKey(x => new { x.RotaId, x.WorkerId });
}
