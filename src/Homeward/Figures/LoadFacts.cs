using Homeward.Access;
using Homeward.Capacity;
using Homeward.Care;
using Homeward.Episodes;
using Homeward.Common;
using Homeward.Data;
using Homeward.Referrals;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Homeward.Figures;

/// <summary>
/// Reads the facts behind the figures straight from the records staff work in: every episode that could fall in a
/// window (referred, discharged, declined, cancelled or ended on or after its first day, or still open however long ago it began), with its referral, person, locality, the
/// latest Barthel Index and hours of care at the start and the end, and the latest end score of each goal. Each part is
/// read by its own query on its own connection, all at once (at a region's size the parts take seconds each); a caller
/// that needs only some parts says which, and the others are left empty.
/// </summary>
public sealed partial class LoadFacts(IServiceScopeFactory scopes)
{
    public Task<IReadOnlyList<EpisodeFacts>> Handle(DateOnly windowStart, CancellationToken ct) => Handle(windowStart, FactParts.All, ct);

    public async Task<IReadOnlyList<EpisodeFacts>> Handle(DateOnly windowStart, FactParts parts, CancellationToken ct)
    {
        var from = London.At(windowStart, TimeOnly.MinValue);
        IQueryable<Episode> Window(HomewardDb db) => db.Episodes.AsNoTracking().Where(e => e.ReferredAt >= from || e.DischargedOn >= windowStart || e.EndedAt >= from
            || e.DeclinedAt >= from || e.CancelledAt >= from
            || (e.Status != EpisodeStatus.Ended && e.Status != EpisodeStatus.Declined && e.Status != EpisodeStatus.Cancelled));
        async Task<T> Read<T>(FactParts part, T none, Func<HomewardDb, IQueryable<Episode>, Task<T>> query)
        {
            if (!parts.HasFlag(part)) // Core is 0: always read
                return none;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HomewardDb>();
            if (db.Provider != DatabaseProvider.Postgres)
                return await query(db, Window(db));
            // The parts already run side by side: PostgreSQL's own parallel workers would only contend with them.
            await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
            await db.Database.ExecuteSqlRawAsync("SET LOCAL max_parallel_workers_per_gather = 0", ct);
            var read = await query(db, Window(db));
            await transaction.CommitAsync(ct);
            return read;
        }

        var rowsRead = Read(FactParts.Core, [], async (db, episodes) => await (from e in episodes
                          join r in db.Referrals.AsNoTracking() on e.ReferralId equals r.Id
                          join p in db.People.AsNoTracking() on e.PersonId equals p.Id
                          join l in db.Localities.AsNoTracking() on p.LocalityId equals l.Id into ls
                          from l in ls.DefaultIfEmpty()
                          join a in db.Assessments.AsNoTracking() on e.Id equals a.EpisodeId into assessments
                          from a in assessments.DefaultIfEmpty()
                          join f in db.FollowUps.AsNoTracking() on e.Id equals f.EpisodeId into followUps
                          from f in followUps.DefaultIfEmpty()
                          select new Row(
                              e.Id, e.PersonId, r.Route, r.Urgency, e.ReferredAt, e.Status, e.Service, e.Pathway, e.AcceptedAt, e.StartedAt,
                              e.DischargedOn, r.DischargeReadyDate, e.EndedAt, e.Sequel, e.Destination, e.UrgentOutcome, r.ExistingClient,
                              p.DateOfBirth, l == null ? null : l.Name, r.Hospital, p.NhsNumber, p.Gender, p.GpPracticeCode,
                              e.DeclinedAt, e.CancelledAt, e.WaitingFor, a == null ? null : a.AssessedAt,
                              f == null ? null : f.Result,
                              r.AdmittedOn, p.UsualResidence, p.Postcode, p.Ethnicity, p.PrimarySupportReason, p.AccommodationStatus,
                              a == null ? null : a.HasUnpaidCarer, p.CarerName)).ToListAsync(ct));
        // The service that took each episode: the booking accepted (or ended with the episode), latest first.
        var takenRead = Read(FactParts.Bookings, new Dictionary<Guid, Taken>(), async (db, episodes) => (await (from b in db.Bookings.AsNoTracking()
                            join e in episodes on b.EpisodeId equals e.Id
                            join s in db.CareServices.AsNoTracking() on b.ServiceId equals s.Id
                            join o in db.Organisations.AsNoTracking() on s.OrganisationId equals o.Id
                            where b.Status == BookingStatus.Accepted || b.Status == BookingStatus.Ended
                            select new Taken(b.EpisodeId, b.StartDate, s.Name, s.Commissioned, s.Kind, o.Kind, s.CostPerDay)).ToListAsync(ct))
            .GroupBy(b => b.EpisodeId).ToDictionary(g => g.Key, g => g.MaxBy(b => b.StartDate)!));
        var reviewsRead = Read(FactParts.Reviews, Empty<DateTimeOffset>(), async (db, episodes) => (await (from v in db.Reviews.AsNoTracking()
                              join e in episodes on v.EpisodeId equals e.Id
                              where v.HeldAt != null
                              select new { v.EpisodeId, v.HeldAt }).ToListAsync(ct))
            .ToLookup(v => v.EpisodeId, v => v.HeldAt!.Value));
        var measuresRead = Read(FactParts.Measures, new Dictionary<(Guid, string, Stage), decimal>(), async (db, episodes) => (await (from m in db.MeasureResults.AsNoTracking()
                               join e in episodes on m.EpisodeId equals e.Id
                               where m.MeasureCode == Measures.Barthel || m.MeasureCode == Measures.CareHours
                               where m.Stage == Stage.Start || m.Stage == Stage.End
                               select new { m.EpisodeId, m.MeasureCode, m.Stage, m.At, m.Id, m.Total }).ToListAsync(ct))
            .GroupBy(m => (m.EpisodeId, m.MeasureCode, m.Stage))
            .ToDictionary(g => g.Key, g => g.MaxBy(m => (m.At, m.Id))!.Total));
        var goalEndsRead = Read(FactParts.Goals, Empty<int>(), async (db, episodes) => (await (from s in db.GoalScores.AsNoTracking()
                               join g in db.Goals.AsNoTracking() on s.GoalId equals g.Id
                               join e in episodes on g.EpisodeId equals e.Id
                               where s.Stage == Stage.End
                               select new { g.EpisodeId, s.GoalId, s.At, s.Id, s.Score }).ToListAsync(ct))
            .GroupBy(s => s.GoalId).Select(g => g.MaxBy(s => (s.At, s.Id))!)
            .ToLookup(s => s.EpisodeId, s => s.Score));
        var delaysRead = Read(FactParts.Delays, Empty<(DateOnly, Delays.DelayReason)>(), async (db, episodes) => (await (from d in db.DelayEntries.AsNoTracking()
                             join e in episodes on d.EpisodeId equals e.Id
                             select new { d.EpisodeId, d.Since, d.Id, d.Reason }).ToListAsync(ct))
            .OrderBy(d => d.Since).ThenBy(d => d.Id).ToLookup(d => d.EpisodeId, d => (d.Since, d.Reason)));
        var carersRead = Read(FactParts.Carers, new Dictionary<Guid, DateOnly?>(), async (db, episodes) => (await (from c in db.CarerInvolvements.AsNoTracking()
                             join e in episodes on c.EpisodeId equals e.Id
                             select new { c.EpisodeId, c.AskedAt, c.InformedAt }).ToListAsync(ct))
            .ToDictionary(c => c.EpisodeId, c => c.AskedAt is { } asked && c.InformedAt is { } informed
                ? London.DateOf(asked > informed ? asked : informed) : (DateOnly?)null));
        var experiencesRead = Read(FactParts.Experiences, new Dictionary<Guid, (YourCare.Overall Overall, DateTimeOffset At)>(), async (db, episodes) =>
            (await (from r in db.ExperienceResponses.AsNoTracking()
                    join e in episodes on r.EpisodeId equals e.Id
                    select new { r.EpisodeId, r.Overall, r.At }).ToListAsync(ct))
            .ToDictionary(r => r.EpisodeId, r => (r.Overall, r.At)));
        // The rapid response record's presenting problem (urgent community response episodes only: a few, read apart).
        var presentingRead = Read(FactParts.Urgent, new Dictionary<Guid, UrgentResponse.UcrCondition>(), async (db, episodes) =>
            await (from u in db.UrgentAssessments.AsNoTracking()
                   join e in episodes on u.EpisodeId equals e.Id
                   select new { u.EpisodeId, u.PresentingProblem }).ToDictionaryAsync(u => u.EpisodeId, u => u.PresentingProblem, ct));
        await Task.WhenAll(rowsRead, takenRead, reviewsRead, measuresRead, goalEndsRead, delaysRead, carersRead, experiencesRead, presentingRead);
        var presenting = presentingRead.Result;
        var (rows, taken, reviews, measures, goalEnds) = (rowsRead.Result, takenRead.Result, reviewsRead.Result, measuresRead.Result, goalEndsRead.Result);
        var (delays, carers, experiences) = (delaysRead.Result, carersRead.Result, experiencesRead.Result);

        decimal? Measure(Guid id, string code, Stage stage) => measures.TryGetValue((id, code, stage), out var total) ? total : null;
        // Put together on every core, in the order read.
        return [.. rows.AsParallel().AsOrdered().Select(x => new EpisodeFacts
        {
            EpisodeId = x.Id, PersonId = x.PersonId, Route = x.Route, Urgency = x.Urgency, ReferredAt = x.ReferredAt, Status = x.Status,
            Service = x.Service, Pathway = x.Pathway, AcceptedAt = x.AcceptedAt, StartedAt = x.StartedAt, DischargedOn = x.DischargedOn,
            DischargeReadyDate = x.DischargeReadyDate, EndedAt = x.EndedAt, Sequel = x.Sequel, Destination = x.Destination,
            UrgentOutcome = x.UrgentOutcome, PresentingProblem = presenting.TryGetValue(x.Id, out var problem) ? problem : null, ExistingClient = x.ExistingClient, DateOfBirth = x.DateOfBirth, Locality = x.Locality, Hospital = x.Hospital,
            BarthelStart = Measure(x.Id, Measures.Barthel, Stage.Start), BarthelEnd = Measure(x.Id, Measures.Barthel, Stage.End),
            CareHoursStart = Measure(x.Id, Measures.CareHours, Stage.Start), CareHoursEnd = Measure(x.Id, Measures.CareHours, Stage.End),
            GoalEndScores = [.. goalEnds[x.Id]],
            NhsNumber = x.NhsNumber?.Value, Gender = x.Gender, GpPractice = x.GpPracticeCode, DeclinedAt = x.DeclinedAt, CancelledAt = x.CancelledAt,
            WaitingFor = x.WaitingFor, DelayLedger = [.. delays[x.Id]], AssessedAt = x.AssessedAt, ReviewsHeldAt = [.. reviews[x.Id].Order()], FollowUpResult = x.FollowUpResult,
            AdmittedOn = x.AdmittedOn, UsualResidence = x.UsualResidence, Postcode = x.Postcode.Value, Ethnicity = x.Ethnicity,
            PrimarySupportReason = x.PrimarySupportReason, AccommodationStatus = x.AccommodationStatus,
            HasUnpaidCarer = x.AssessedCarer ?? (x.CarerName is null ? null : true),
            CarerIdentified = carers.ContainsKey(x.Id), CarerInvolvedOn = carers.GetValueOrDefault(x.Id),
            Experience = experiences.TryGetValue(x.Id, out var said) ? said.Overall : null,
            ExperienceOn = experiences.TryGetValue(x.Id, out var saidOn) ? London.DateOf(saidOn.At) : null,
            ServiceName = taken.GetValueOrDefault(x.Id)?.Name, CostPerDay = taken.GetValueOrDefault(x.Id)?.CostPerDay,
            // Provided by the council, or social care bought from an independent provider (reablement, home care, a care
            // home place): the council arranges those. A community bed or therapy bought in is NHS-commissioned. Where
            // no booking says who took the person, reablement is the council's (its duty) and intermediate care the NHS's.
            ArrangedByCouncil = taken.TryGetValue(x.Id, out var t)
                ? t.Kind == OrganisationKind.Council || t.Commissioned && t.ServiceKind is ServiceKind.ReablementTeam or ServiceKind.HomeCareProvider or ServiceKind.CareHome
                : x.Service == Triage.Service.Reablement,
        })];
    }

    private static ILookup<Guid, T> Empty<T>() => Array.Empty<(Guid, T)>().ToLookup(x => x.Item1, x => x.Item2);
}
