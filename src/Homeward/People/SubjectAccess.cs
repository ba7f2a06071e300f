using Homeward.Access;
using Homeward.Audit;
using Homeward.Capacity;
using Homeward.Care;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Homeward.People;

/// <summary>
/// A subject access request (UK GDPR article 15): everything Homeward holds about one person, every record type, and
/// who has looked at their record, and nothing about anyone else. Each part is read through its own use case (so each
/// is audited as any read is), and the request itself is audited. Managers only (they answer these requests).
/// </summary>
public sealed class SubjectAccess(HomewardDb db, GetCareRecord careRecords, TimeProvider clock)
{
    public sealed record BookingPart(Guid Id, Guid EpisodeId, string Service, BookingKind Kind, BookingStatus Status, DateOnly StartDate,
        DateOnly EndDate, int? VisitsPerDayAtStart, int? VisitsPerDayAtEnd, int? MinutesPerVisit, bool DoubleHanded, DateTimeOffset CreatedAt);

    public sealed record EpisodePart(EpisodeView Episode, IReadOnlyList<EpisodeEventView> Timeline, CareRecordView CareRecord,
        IReadOnlyList<BookingPart> Bookings);

    /// <summary>One access to the person's record: who (name, role, organisation), what, when, and whether it was allowed.</summary>
    public sealed record Access(DateTimeOffset At, string UserName, Role Role, Guid OrganisationId, string Action, AuditOutcome Outcome);

    /// <summary>A request they made to correct their record or restrict its use, and its answer.</summary>
    public sealed record RightsPart(DateOnly ReceivedOn, RightsRequests.RightsRequestKind Kind, string Statement, RightsRequests.RightsRequestStatus Status,
        string? Answer);

    public sealed record Export(DateTimeOffset MadeAt, string MadeBy, PersonView Person, IReadOnlyList<ReferralView> Referrals,
        IReadOnlyList<EpisodePart> Episodes, IReadOnlyList<Access> Accesses, IReadOnlyList<RightsPart> Rights);

    /// <summary>
    /// Reads every record of the person directly, with the same views the record pages use, whoever in the partnership
    /// they are (a privacy officer reads no records otherwise, and needs no relationship for this); the one audit row
    /// says a subject access request was answered and by whom.
    /// </summary>
    /// <summary>The same, for the person with this NHS number (as a request names them).</summary>
    public async Task<Export> ByNhsNumber(string? nhsNumber, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AnswerSubjectAccess);
        if (!NhsNumber.TryParse(nhsNumber, out var number, out var error))
            throw ValidationFailedException.For("nhsNumber", error!);
        var id = await db.People.AsNoTracking().Where(p => p.NhsNumber == number).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct)
                 ?? throw ValidationFailedException.For("nhsNumber", "Nobody with that NHS number is held: nothing to send but that answer.");
        return await Handle(id, actor, ct);
    }

    public async Task<Export> Handle(Guid personId, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AnswerSubjectAccess, personId);
        var found = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, ct) ?? throw new NotFoundException("person", personId);
        var person = PersonView.From(found);
        var referralRows = await (from r in db.Referrals.AsNoTracking()
                                  join e in db.Episodes.AsNoTracking() on r.Id equals e.ReferralId
                                  where r.PersonId == personId
                                  orderby r.ReceivedAt
                                  select new { r, e }).ToListAsync(ct);
        var referrals = referralRows.Select(x => ReferralView.From(x.r, found, x.e)).ToList();
        var serviceNames = await db.CareServices.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var bookings = (await db.Bookings.AsNoTracking().Where(b => b.PersonId == personId).OrderBy(b => b.CreatedAt).ToListAsync(ct))
            .Select(b => new BookingPart(b.Id, b.EpisodeId, serviceNames.GetValueOrDefault(b.ServiceId, "(removed service)"), b.Kind, b.Status, b.StartDate,
                b.EndDate, b.VisitsPerDayAtStart, b.VisitsPerDayAtEnd, b.MinutesPerVisit, b.DoubleHanded, b.CreatedAt))
            .ToLookup(b => b.EpisodeId);
        var now = clock.GetUtcNow();
        // Every episode comes from a referral: the rows above hold them all. Their timelines and care records are read
        // together, not a set of queries an episode.
        var ids = referralRows.Select(x => x.e.Id).ToList();
        var timelines = (await db.EpisodeEvents.AsNoTracking().Where(v => ids.Contains(v.EpisodeId)).OrderBy(v => v.At).ThenBy(v => v.Id).ToListAsync(ct))
            .ToLookup(v => v.EpisodeId);
        var records = await careRecords.BuildAll(ids, now, ct);
        var episodes = referralRows.OrderBy(x => x.e.ReferredAt)
            .Select(x => new EpisodePart(EpisodeView.From(x.e, found, x.r.Route), [.. timelines[x.e.Id].Select(EpisodeEventView.From)], records[x.e.Id],
                [.. bookings[x.e.Id]]))
            .ToList();
        var accesses = await db.AuditEntries.AsNoTracking()
            .Where(a => a.PersonId == personId || db.AuditPeople.Any(s => s.AuditEntryId == a.Id && s.PersonId == personId)).OrderBy(a => a.Id)
            .Select(a => new Access(a.At, a.UserName, a.Role, a.OrganisationId, a.Action, a.Outcome)).ToListAsync(ct);
        var rights = await db.RightsRequests.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.OpenedAt)
            .Select(r => new RightsPart(r.ReceivedOn, r.Kind, r.Statement, r.Status, r.Answer)).ToListAsync(ct);
        db.AuditEntries.Add(AuditEntry.For(actor, "person.subject-access", personId, personId, now));
        await db.SaveChangesAsync(ct);
        return new Export(now, actor.UserName, person, referrals, episodes, accesses, rights);
    }
}
