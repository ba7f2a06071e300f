using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Rotas.Availability;

public enum AvailabilityKind
{
    /// <summary>Annual leave or other planned time off.</summary>
    Leave,
    /// <summary>Off sick: from a time on the first day when they went home during their shift.</summary>
    Sickness,
    /// <summary>Training or another duty away from visits.</summary>
    Training,
    /// <summary>Works other hours than usual on these days (also a day they do not usually work).</summary>
    ChangedHours,
}

/// <summary>
/// A change to a carer's usual week for a run of days: leave, sickness, training, or other hours. Rotas and urgent
/// insertion plan by it; a change recorded by mistake is withdrawn (kept, for the record), not deleted.
/// </summary>
public sealed class AvailabilityChange
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid WorkerId { get; init; }
    /// <summary>The carer's team, so that a team's changes for a day are read at once.</summary>
    public Guid ServiceId { get; init; }
    public AvailabilityKind Kind { get; init; }
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
    /// <summary>Away from this time on the first day (sent home sick at 11:00); null: the whole of each day.</summary>
    public TimeOnly? FromTime { get; init; }
    /// <summary>The hours worked on these days (<see cref="AvailabilityKind.ChangedHours"/> only).</summary>
    public TimeOnly? ShiftStart { get; init; }
    public TimeOnly? ShiftEnd { get; init; }
    public string? Note { get; init; }
    public required string RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawnBy { get; private set; }

    public bool Away => Kind != AvailabilityKind.ChangedHours;

    public bool Covers(DateOnly date) => WithdrawnAt is null && From <= date && date <= To;

    public void Withdraw(string by, DateTimeOffset at)
    {
        if (WithdrawnAt is not null)
            throw new Common.InvalidTransitionException("This change was already withdrawn.");
        (WithdrawnAt, WithdrawnBy) = (at, by);
    }
}

internal sealed class AvailabilityChangeConfiguration : IEntityTypeConfiguration<AvailabilityChange>
{
    public void Configure(EntityTypeBuilder<AvailabilityChange> e)
    {
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Note).HasMaxLength(500);
        e.Property(x => x.RecordedBy).HasMaxLength(256);
        e.Property(x => x.WithdrawnBy).HasMaxLength(256);
        e.HasIndex(x => new { x.ServiceId, x.To });
        e.HasIndex(x => x.WorkerId);
    }
}
