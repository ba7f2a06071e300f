using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Homeward.People;

/// <summary>A person's whole record: details, every referral and episode, and one timeline of what happened.</summary>
public sealed class PersonRecord(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public sealed record EpisodeLine(Guid EpisodeId, Guid ReferralId, Route Route, DateTimeOffset ReferredAt, EpisodeStatus Status,
        Triage.Service? Service, Triage.Pathway? Pathway, string Reason, string? Hospital, DateOnly? DischargeReadyDate, int Version);

    public sealed record TimelineEntry(DateTimeOffset At, Guid EpisodeId, EpisodeEventType Type, string ActorName, Role ActorRole, string? Detail);

    /// <param name="Rights">Restrictions in force and corrections declined: everyone reading the record sees them first.</param>
    public sealed record View(PersonView Person, string? Locality, IReadOnlyList<EpisodeLine> Episodes, IReadOnlyList<TimelineEntry> Timeline,
        IReadOnlyList<RightsRequests.RightsNotice> Rights);

    public async Task<View> Handle(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords, id);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("person", id);
        await scope.Demand(actor, id, "person.record", "person", id, ct);
        var locality = person.LocalityId is { } l ? await db.Localities.Where(x => x.Id == l).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        // A hospital or provider sees the episodes of its own referrals or bookings, not the person's whole history
        // (unless the glass is broken: then the whole record).
        var mine = scope.EpisodesOf(actor, id);
        var theirs = db.Episodes.AsNoTracking().Where(e => e.PersonId == id);
        var happenings = db.EpisodeEvents.AsNoTracking().Where(v => v.PersonId == id);
        if (mine is not null)
            (theirs, happenings) = (theirs.Where(e => mine.Contains(e.Id)), happenings.Where(v => mine.Contains(v.EpisodeId)));
        var episodes = await (from e in theirs
                              join r in db.Referrals.AsNoTracking() on e.ReferralId equals r.Id
                              orderby e.ReferredAt descending
                              select new EpisodeLine(e.Id, r.Id, r.Route, e.ReferredAt, e.Status, e.Service, e.Pathway, r.Reason,
                                  r.Hospital, r.DischargeReadyDate, e.Version)).ToListAsync(ct);
        var events = await happenings
            .OrderByDescending(v => v.At).ThenByDescending(v => v.Id).Take(500)
            .Select(v => new TimelineEntry(v.At, v.EpisodeId, v.Type, v.ActorName, v.ActorRole, v.Detail)).ToListAsync(ct);

        var rights = await RightsRequests.ReadRightsRequests.Notices(db, id, ct);

        db.AuditEntries.Add(AuditEntry.For(actor, "person.record", id, id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new View(PersonView.From(person), locality, episodes, events, rights);
    }
}
