using Homeward.Access;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Delays;

/// <summary>
/// One line of the delay ledger: from <see cref="Since"/> the main reason a person ready to leave hospital was still
/// there was <see cref="Reason"/>. Lines are only ever added; the latest is the current reason, and the one current on
/// the discharge day is the reason the returns count.
/// </summary>
public sealed class DelayEntry
{
    private DelayEntry() { }

    public long Id { get; private init; }
    public Guid EpisodeId { get; private init; }
    public Guid PersonId { get; private init; }
    public DelayReason Reason { get; private init; }
    /// <summary>What exactly is awaited, in the recorder's words (which equipment, which care home).</summary>
    public string? Detail { get; private init; }
    /// <summary>The London day from which the reason applied.</summary>
    public DateOnly Since { get; private init; }
    public DateTimeOffset RecordedAt { get; private init; }
    public string RecordedBy { get; private init; } = "";
    public string RecordedByName { get; private init; } = "";
    public Role RecordedByRole { get; private init; }

    public static DelayEntry Of(Episode episode, DelayReason reason, string? detail, DateOnly since, Actor actor, DateTimeOffset now) => new()
    {
        EpisodeId = episode.Id, PersonId = episode.PersonId, Reason = reason, Detail = detail, Since = since, RecordedAt = now,
        RecordedBy = actor.UserId, RecordedByName = actor.UserName, RecordedByRole = actor.Role,
    };
}

internal sealed class DelayEntryConfiguration : IEntityTypeConfiguration<DelayEntry>
{
    public void Configure(EntityTypeBuilder<DelayEntry> e)
    {
        e.ToTable("DelayEntries");
        e.HasIndex(d => new { d.EpisodeId, d.Since });
        e.Property(d => d.Detail).HasMaxLength(200);
        e.Property(d => d.RecordedBy).HasMaxLength(450);
        e.Property(d => d.RecordedByName).HasMaxLength(200);
        e.HasOne<Episode>().WithMany().HasForeignKey(d => d.EpisodeId).OnDelete(DeleteBehavior.Restrict);
    }
}
