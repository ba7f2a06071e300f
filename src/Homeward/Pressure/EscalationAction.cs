using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Pressure;

/// <summary>
/// An escalation action taken at a level of pressure: what is to be done, who owns it, by when; then done (by whom,
/// when, with what result). Only ever added to and completed: the log is the partnership's record of its response.
/// </summary>
public sealed class EscalationAction
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The OPEL level when the action was raised.</summary>
    public int Level { get; init; }
    public decimal Score { get; init; }
    public required string Action { get; init; }
    public required string Owner { get; init; }
    public DateTimeOffset? DueBy { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
    public required string RaisedBy { get; init; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
    public string? Result { get; set; }
    public int Version { get; set; } = 1;
}

internal sealed class EscalationActionConfiguration : IEntityTypeConfiguration<EscalationAction>
{
    public void Configure(EntityTypeBuilder<EscalationAction> e)
    {
        e.ToTable("EscalationActions");
        e.HasIndex(a => a.RaisedAt);
        e.Property(a => a.Action).HasMaxLength(1000);
        e.Property(a => a.Owner).HasMaxLength(200);
        e.Property(a => a.RaisedBy).HasMaxLength(256);
        e.Property(a => a.DoneBy).HasMaxLength(256);
        e.Property(a => a.Result).HasMaxLength(1000);
        e.Property(a => a.Score).HasPrecision(5, 1);
        e.Property(a => a.Version).IsConcurrencyToken();
    }
}
