using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Care;

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> e)
    {
        e.HasKey(x => x.EpisodeId);
        e.HasOne<Episode>().WithOne().HasForeignKey<Care.Assessment>(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.WhatMatters).HasMaxLength(4000);
        e.Property(x => x.HomeSituation).HasMaxLength(4000);
        e.Property(x => x.CarerNeeds).HasMaxLength(4000);
        e.Property(x => x.BestInterestDecision).HasMaxLength(4000);
        e.Property(x => x.Risks).HasMaxLength(4000);
        e.Property(x => x.AssessedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
