using Homeward.Access;
using Homeward.Audit;
using Homeward.Capacity;
using Homeward.Care;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.People;

/// <summary>
/// A subject access request (UK GDPR article 15): everything Homeward holds about one person, every record type, and
/// who has looked at their record, and nothing about anyone else. Each part is read through its own use case (so each
/// is audited as any read is), and the request itself is audited. Managers only (they answer these requests).
/// </summary>
public sealed class SubjectAccess(HomewardDb db, IServiceProvider services, TimeProvider clock)
{
    public sealed record BookingPart(Guid Id, Guid EpisodeId, string Service, BookingKind Kind, BookingStatus Status, DateOnly StartDate,
        DateOnly EndDate, int? VisitsPerDayAtStart, int? VisitsPerDayAtEnd, int? MinutesPerVisit, bool DoubleHanded, DateTimeOffset CreatedAt);

    public sealed record EpisodePart(EpisodeView Episode, IReadOnlyList<EpisodeEventView> Timeline, CareRecordView CareRecord,
        IReadOnlyList<BookingPart> Bookings);

    /// <summary>One access to the person's record: who (name, role, organisation), what, when, and whether it was allowed.</summary>
    public sealed record Access(DateTimeOffset At, string UserName, Role Role, Guid OrganisationId, string Action, AuditOutcome Outcome);

    public sealed record Export(DateTimeOffset MadeAt, string MadeBy, PersonView Person, IReadOnlyList<ReferralView> Referrals,
        IReadOnlyList<EpisodePart> Episodes, IReadOnlyList<Access> Accesses);

    public async Task<Export> Handle(Guid personId, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadAudit, personId);
        actor.Demand(Right.ReadRecords, personId);
        var person = await services.GetRequiredService<GetPerson>().Handle(personId, actor, ct);
        // Referral and episode ids first, then each read through its use case.
        var referralIds = await db.Referrals.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.ReceivedAt).Select(r => r.Id).ToListAsync(ct);
        var episodeIds = await db.Episodes.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.ReferredAt).Select(e => e.Id).ToListAsync(ct);
        var referrals = new List<ReferralView>();
        foreach (var id in referralIds)
            referrals.Add(await services.GetRequiredService<GetReferral>().Handle(id, actor, ct));
        var serviceNames = await db.CareServices.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var bookings = (await db.Bookings.AsNoTracking().Where(b => b.PersonId == personId).OrderBy(b => b.CreatedAt).ToListAsync(ct))
            .Select(b => new BookingPart(b.Id, b.EpisodeId, serviceNames.GetValueOrDefault(b.ServiceId, "(removed service)"), b.Kind, b.Status, b.StartDate,
                b.EndDate, b.VisitsPerDayAtStart, b.VisitsPerDayAtEnd, b.MinutesPerVisit, b.DoubleHanded, b.CreatedAt))
            .ToLookup(b => b.EpisodeId);
        var (getEpisode, getCareRecord) = (services.GetRequiredService<GetEpisode>(), services.GetRequiredService<GetCareRecord>());
        var episodes = new List<EpisodePart>();
        foreach (var id in episodeIds)
            episodes.Add(new EpisodePart(await getEpisode.Handle(id, actor, ct), await getEpisode.Timeline(id, actor, ct),
                await getCareRecord.Handle(id, actor, ct), [.. bookings[id]]));
        var accesses = await db.AuditEntries.AsNoTracking().Where(a => a.PersonId == personId).OrderBy(a => a.Id)
            .Select(a => new Access(a.At, a.UserName, a.Role, a.OrganisationId, a.Action, a.Outcome)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        db.AuditEntries.Add(AuditEntry.For(actor, "person.subject-access", personId, personId, now));
        await db.SaveChangesAsync(ct);
        return new Export(now, actor.UserName, person, referrals, episodes, accesses);
    }
}
