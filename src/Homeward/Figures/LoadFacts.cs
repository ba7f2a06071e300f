using Homeward.Access;
using Homeward.Capacity;
using Homeward.Care;
using Homeward.Episodes;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Figures;

/// <summary>
/// Reads the facts behind the figures straight from the records staff work in: every episode that could fall in a
/// window (referred, discharged or ended on or after its first day, or still open however long ago it began), with its referral, person, locality, the
/// latest Barthel Index and hours of care at the start and the end, and the latest end score of each goal.
/// </summary>
public sealed class LoadFacts(HomewardDb db)
{
    public async Task<IReadOnlyList<EpisodeFacts>> Handle(DateOnly windowStart, CancellationToken ct)
    {
        var from = London.At(windowStart, TimeOnly.MinValue);
        var episodes = db.Episodes.AsNoTracking().Where(e => e.ReferredAt >= from || e.DischargedOn >= windowStart || e.EndedAt >= from
            || (e.Status != EpisodeStatus.Ended && e.Status != EpisodeStatus.Declined && e.Status != EpisodeStatus.Cancelled));
        var rows = await (from e in episodes
                          join r in db.Referrals.AsNoTracking() on e.ReferralId equals r.Id
                          join p in db.People.AsNoTracking() on e.PersonId equals p.Id
                          join l in db.Localities.AsNoTracking() on p.LocalityId equals l.Id into ls
                          from l in ls.DefaultIfEmpty()
                          join a in db.Assessments.AsNoTracking() on e.Id equals a.EpisodeId into assessments
                          from a in assessments.DefaultIfEmpty()
                          join f in db.FollowUps.AsNoTracking() on e.Id equals f.EpisodeId into followUps
                          from f in followUps.DefaultIfEmpty()
                          select new
                          {
                              e.Id, e.PersonId, r.Route, r.Urgency, e.ReferredAt, e.Status, e.Service, e.Pathway, e.AcceptedAt, e.StartedAt,
                              e.DischargedOn, r.DischargeReadyDate, e.EndedAt, e.Sequel, e.Destination, e.UrgentOutcome, r.ExistingClient,
                              p.DateOfBirth, Locality = l == null ? null : l.Name, r.Hospital, p.NhsNumber, p.Gender, p.GpPracticeCode,
                              e.DeclinedAt, e.CancelledAt, e.WaitingFor, AssessedAt = a == null ? (DateTimeOffset?)null : a.AssessedAt,
                              FollowUpResult = f == null ? null : f.Result,
                              r.AdmittedOn, p.UsualResidence, p.Postcode, p.Ethnicity, p.PrimarySupportReason, p.AccommodationStatus,
                              AssessedCarer = a == null ? (bool?)null : a.HasUnpaidCarer, p.CarerName,
                          }).ToListAsync(ct);
        // The service that took each episode: the booking accepted (or ended with the episode), latest first.
        var taken = (await (from b in db.Bookings.AsNoTracking()
                            join e in episodes on b.EpisodeId equals e.Id
                            join s in db.CareServices.AsNoTracking() on b.ServiceId equals s.Id
                            join o in db.Organisations.AsNoTracking() on s.OrganisationId equals o.Id
                            where b.Status == BookingStatus.Accepted || b.Status == BookingStatus.Ended
                            select new { b.EpisodeId, b.StartDate, s.Name, s.Commissioned, ServiceKind = s.Kind, o.Kind, s.CostPerDay }).ToListAsync(ct))
            .GroupBy(b => b.EpisodeId).ToDictionary(g => g.Key, g => g.MaxBy(b => b.StartDate)!);
        var reviews = (await (from v in db.Reviews.AsNoTracking()
                              join e in episodes on v.EpisodeId equals e.Id
                              where v.HeldAt != null
                              select new { v.EpisodeId, v.HeldAt }).ToListAsync(ct))
            .ToLookup(v => v.EpisodeId, v => v.HeldAt!.Value);

        var measures = (await (from m in db.MeasureResults.AsNoTracking()
                               join e in episodes on m.EpisodeId equals e.Id
                               where m.MeasureCode == Measures.Barthel || m.MeasureCode == Measures.CareHours
                               where m.Stage == Stage.Start || m.Stage == Stage.End
                               select new { m.EpisodeId, m.MeasureCode, m.Stage, m.At, m.Id, m.Total }).ToListAsync(ct))
            .GroupBy(m => (m.EpisodeId, m.MeasureCode, m.Stage))
            .ToDictionary(g => g.Key, g => g.MaxBy(m => (m.At, m.Id))!.Total);
        var goalEnds = (await (from s in db.GoalScores.AsNoTracking()
                               join g in db.Goals.AsNoTracking() on s.GoalId equals g.Id
                               join e in episodes on g.EpisodeId equals e.Id
                               where s.Stage == Stage.End
                               select new { g.EpisodeId, s.GoalId, s.At, s.Id, s.Score }).ToListAsync(ct))
            .GroupBy(s => s.GoalId).Select(g => g.MaxBy(s => (s.At, s.Id))!)
            .ToLookup(s => s.EpisodeId, s => s.Score);

        var delays = (await (from d in db.DelayEntries.AsNoTracking()
                             join e in episodes on d.EpisodeId equals e.Id
                             select new { d.EpisodeId, d.Since, d.Id, d.Reason }).ToListAsync(ct))
            .OrderBy(d => d.Since).ThenBy(d => d.Id).ToLookup(d => d.EpisodeId, d => (d.Since, d.Reason));

        var carers = (await (from c in db.CarerInvolvements.AsNoTracking()
                             join e in episodes on c.EpisodeId equals e.Id
                             select new { c.EpisodeId, c.AskedAt, c.InformedAt }).ToListAsync(ct))
            .ToDictionary(c => c.EpisodeId, c => c.AskedAt is { } asked && c.InformedAt is { } informed
                ? London.DateOf(asked > informed ? asked : informed) : (DateOnly?)null);

        var experiences = (await (from r in db.ExperienceResponses.AsNoTracking()
                                  join e in episodes on r.EpisodeId equals e.Id
                                  select new { r.EpisodeId, r.Overall, r.At }).ToListAsync(ct))
            .ToDictionary(r => r.EpisodeId);

        decimal? Measure(Guid id, string code, Stage stage) => measures.TryGetValue((id, code, stage), out var total) ? total : null;
        return [.. rows.Select(x => new EpisodeFacts
        {
            EpisodeId = x.Id, PersonId = x.PersonId, Route = x.Route, Urgency = x.Urgency, ReferredAt = x.ReferredAt, Status = x.Status,
            Service = x.Service, Pathway = x.Pathway, AcceptedAt = x.AcceptedAt, StartedAt = x.StartedAt, DischargedOn = x.DischargedOn,
            DischargeReadyDate = x.DischargeReadyDate, EndedAt = x.EndedAt, Sequel = x.Sequel, Destination = x.Destination,
            UrgentOutcome = x.UrgentOutcome, ExistingClient = x.ExistingClient, DateOfBirth = x.DateOfBirth, Locality = x.Locality, Hospital = x.Hospital,
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
}
