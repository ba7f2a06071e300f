using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.UrgentResponse;

/// <summary>
/// The rapid response clinician's record of the first visit: the presenting problem from the urgent community response
/// conditions list and what happened in words, and the clinical notes (history, findings, what was done). The time of
/// first contact is the episode's start, entered by the clinician; NEWS2 observations are recorded beside it
/// (<see cref="Deterioration.Observation"/>) and the outcome on the episode. One per episode; a change needs the
/// version seen.
/// </summary>
public sealed class UrgentAssessment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EpisodeId { get; init; }
    public UcrCondition PresentingProblem { get; set; }
    /// <summary>The presenting problem in words: what happened, as the person or caller told it.</summary>
    public required string Presenting { get; set; }
    /// <summary>History, examination and findings, and what was done.</summary>
    public required string ClinicalNotes { get; set; }
    public DateTimeOffset AssessedAt { get; set; }
    public required string AssessedBy { get; set; }
    public int Version { get; set; } = 1;
}

internal sealed class UrgentAssessmentConfiguration : IEntityTypeConfiguration<UrgentAssessment>
{
    public void Configure(EntityTypeBuilder<UrgentAssessment> e)
    {
        e.ToTable("UrgentAssessments");
        e.HasIndex(x => x.EpisodeId).IsUnique();
        e.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Presenting).HasMaxLength(2000);
        e.Property(x => x.ClinicalNotes).HasMaxLength(8000);
        e.Property(x => x.AssessedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}

/// <summary>The rapid response record as read: the presenting problem by its name in the list, and the notes.</summary>
public sealed record UrgentAssessmentView(UcrCondition PresentingProblem, string PresentingProblemName, string Presenting, string ClinicalNotes,
    DateTimeOffset AssessedAt, string AssessedBy, int Version)
{
    public static UrgentAssessmentView From(UrgentAssessment a) =>
        new(a.PresentingProblem, UcrConditions.Of(a.PresentingProblem).Name, a.Presenting, a.ClinicalNotes, a.AssessedAt, a.AssessedBy, a.Version);
}
