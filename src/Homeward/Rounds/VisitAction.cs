using Homeward.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Rounds;

public enum VisitActionKind
{
    CheckIn,
    CheckOut,
    /// <summary>The carer could not make the visit (no access, refused, not in, in hospital): a welfare check at once.</summary>
    CouldNotVisit,
}

public enum VisitActionOutcome
{
    Applied,
    /// <summary>It did not fit the visit as it now is (moved, cancelled, already recorded): kept, shown to the carer and the hub.</summary>
    Conflict,
}

/// <summary>
/// One thing a carer did at a visit on their phone, kept as the phone sent it, under the phone's own id so that a resend
/// (after a lost connection) is answered with the first outcome and never applied twice. A conflict stays here, with
/// everything the carer recorded, until the hub has dealt with it.
/// </summary>
public sealed class VisitAction
{
    /// <summary>The id the phone gave the action when the carer did it.</summary>
    public Guid Id { get; init; }
    public Guid VisitId { get; init; }
    public Guid? PersonId { get; init; }
    public Guid? EpisodeId { get; init; }
    public Guid WorkerId { get; init; }
    public required string UserName { get; init; }
    public VisitActionKind Kind { get; init; }
    /// <summary>When the carer did it, by the phone's clock (offline, this can be well before it was received).</summary>
    public DateTimeOffset DoneAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    /// <summary>How far from the person's home the phone was, in metres; null when the location was not shared.</summary>
    public int? Metres { get; init; }
    public MissedReason? Reason { get; init; }
    public string? Notes { get; init; }
    public VisitActionOutcome Outcome { get; init; }
    /// <summary>For a conflict: what did not fit, in words.</summary>
    public string? Message { get; init; }
}

public enum TaskOutcome
{
    Done,
    NotDone,
    /// <summary>A medicine prompted and taken.</summary>
    Given,
    Declined,
    NotAvailable,
}

/// <summary>
/// One task or medicine prompt of a visit as the carer recorded it at check-out: its words as the plan gave them then
/// (a later change to the plan does not change what was recorded), done or not and why, or a medicine given, declined or
/// not available. Kept with its action, so a check-out that did not fit the visit keeps its tasks too.
/// </summary>
public sealed class VisitTaskRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ActionId { get; init; }
    public Guid VisitId { get; init; }
    public int Position { get; init; }
    public Care.TaskKind Kind { get; init; }
    public required string Text { get; init; }
    public TaskOutcome Outcome { get; init; }
    public string? Reason { get; init; }
}

public sealed class VisitTaskRecordConfiguration : IEntityTypeConfiguration<VisitTaskRecord>
{
    public void Configure(EntityTypeBuilder<VisitTaskRecord> e)
    {
        e.ToTable("VisitTaskRecords");
        e.HasKey(t => t.Id);
        e.HasIndex(t => new { t.VisitId, t.Position });
        e.HasOne<VisitAction>().WithMany().HasForeignKey(t => t.ActionId).OnDelete(DeleteBehavior.Cascade);
        e.Property(t => t.Text).HasMaxLength(Care.PlanTasks.LongestLine);
        e.Property(t => t.Reason).HasMaxLength(500);
    }
}

public sealed class VisitActionConfiguration : IEntityTypeConfiguration<VisitAction>
{
    public void Configure(EntityTypeBuilder<VisitAction> e)
    {
        e.ToTable("VisitActions");
        e.HasKey(a => a.Id);
        e.Property(a => a.Id).ValueGeneratedNever();
        e.HasIndex(a => a.VisitId);
        e.HasIndex(a => new { a.Outcome, a.ReceivedAt });
        e.Property(a => a.UserName).HasMaxLength(256);
        e.Property(a => a.Notes).HasMaxLength(4000);
        e.Property(a => a.Message).HasMaxLength(500);
    }
}
