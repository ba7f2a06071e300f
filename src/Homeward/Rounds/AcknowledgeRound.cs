using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Homeward.Rounds;

/// <summary>
/// A carer's word that they have seen their round for a day, as it was then: its visits in order with their planned
/// start. A later change (a visit added, taken away or re-timed, the rota published again) shows on the carer's round
/// and on the scheduler's rota as "changed since confirmed", until the carer confirms again.
/// </summary>
public sealed class RoundAcknowledgement
{
    public Guid WorkerId { get; init; }
    public DateOnly Date { get; init; }
    public DateTimeOffset At { get; set; }
    /// <summary>The round as confirmed: "visit@start" in order (with "x" after a cancelled one), ';'-separated.</summary>
    public required string Round { get; set; }

    public static string Of(IEnumerable<GetMyRound.Stop> stops) => Of(stops.Select(s => (s.VisitId, s.Start, s.Status)));

    /// <summary>The round as kept: each visit, its planned start, and whether it is cancelled, in order.</summary>
    public static string Of(IEnumerable<(Guid Visit, int Start, Visits.VisitStatus Status)> stops) =>
        string.Join(';', stops.Select(s => $"{s.Visit}@{s.Start}{(s.Status == Visits.VisitStatus.Cancelled ? "x" : "")}"));
}

public sealed class RoundAcknowledgementConfiguration : IEntityTypeConfiguration<RoundAcknowledgement>
{
    public void Configure(EntityTypeBuilder<RoundAcknowledgement> e)
    {
        e.ToTable("RoundAcknowledgements");
        e.HasKey(a => new { a.WorkerId, a.Date });
        e.Property(a => a.Round).HasMaxLength(8000);
    }
}

/// <summary>The carer confirms they have seen their round for a day (today by default) as it now is.</summary>
public sealed class AcknowledgeRound(HomewardDb db, GetMyRound rounds, TimeProvider clock)
{
    public async Task<GetMyRound.MyRound> Handle(string? date, Actor actor, CancellationToken ct)
    {
        var round = await rounds.Handle(date, actor, ct);
        if (!round.IsCarer)
            throw new InvalidTransitionException("You are not on a team's list of carers, so there is no round of yours to confirm.");
        if (!round.Published)
            throw new InvalidTransitionException("There is no published round for this day to confirm.");
        var now = clock.GetUtcNow();
        var held = await db.Set<RoundAcknowledgement>().SingleOrDefaultAsync(a => a.WorkerId == round.WorkerId && a.Date == round.Date, ct);
        var seen = RoundAcknowledgement.Of(round.Stops);
        if (held is null)
            db.Add(new RoundAcknowledgement { WorkerId = round.WorkerId!.Value, Date = round.Date, At = now, Round = seen });
        else
            (held.At, held.Round) = (now, seen);
        db.AuditEntries.Add(AuditEntry.For(actor, "rota.acknowledge", null, $"{round.WorkerId}/{round.Date:yyyy-MM-dd}", now));
        await db.SaveChangesAsync(ct);
        return round with { ConfirmedAt = now, ChangedSinceConfirmed = [] };
    }
}
