using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Deterioration;

/// <summary>
/// A check of how someone in care is: the soft signs a carer saw, and (from staff trained to take them) a set of NEWS2
/// observations with its score. One that calls for a step up (any soft sign, a NEWS2 of 5 or more, or a single 3) is put
/// in front of the hub and the rapid response team until someone has dealt with it.
/// </summary>
public sealed class Observation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EpisodeId { get; init; }
    public Guid PersonId { get; init; }
    /// <summary>The visit it was made at, when on a carer's round.</summary>
    public Guid? VisitId { get; init; }
    public DateTimeOffset At { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
    /// <summary>The soft signs seen, comma-separated (<see cref="SoftSign"/> names); empty for none.</summary>
    public string SoftSigns { get; init; } = "";
    public int? RespirationRate { get; init; }
    public int? SpO2 { get; init; }
    public bool? Scale2 { get; init; }
    public bool? OnOxygen { get; init; }
    public int? SystolicBp { get; init; }
    public int? Pulse { get; init; }
    public Consciousness? Consciousness { get; init; }
    public decimal? Temperature { get; init; }
    public int? News2 { get; init; }
    public News2Response? Response { get; init; }
    public bool StepUp { get; init; }
    public string? Notes { get; init; }

    public IReadOnlyList<SoftSign> Signs => [.. SoftSigns.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<SoftSign>)];
}

public sealed class ObservationConfiguration : IEntityTypeConfiguration<Observation>
{
    public void Configure(EntityTypeBuilder<Observation> e)
    {
        e.ToTable("Observations");
        e.HasKey(o => o.Id);
        e.HasIndex(o => new { o.EpisodeId, o.At });
        e.HasIndex(o => new { o.StepUp, o.RecordedAt });
        e.HasOne<Episodes.Episode>().WithMany().HasForeignKey(o => o.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        e.Property(o => o.RecordedBy).HasMaxLength(256);
        e.Property(o => o.SoftSigns).HasMaxLength(400);
        e.Property(o => o.Notes).HasMaxLength(2000);
        e.Property(o => o.Temperature).HasPrecision(4, 1);
        e.Ignore(o => o.Signs);
    }
}
