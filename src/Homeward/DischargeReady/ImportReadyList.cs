using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Delays;
using Homeward.Episodes;
using Homeward.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Homeward.DischargeReady;

/// <summary>
/// Takes an acute trust's daily discharge-ready list (<see cref="ReadyList"/>): for each person on it with an open
/// hospital discharge referral the sender may see, the Discharge Ready Date is set, changed or withdrawn (the person
/// meets the criteria to reside again), each change kept on the timeline with both dates; a delay reason given is
/// recorded in the delay ledger. Every row gets an outcome: changed, unchanged, nobody to update, or refused with its
/// problems by field. Rows that are right are applied even when others are not, and sending the same list again
/// changes nothing.
/// </summary>
public sealed class ImportReadyList(HomewardDb db, AccessScope scope, TimeProvider clock, RecordDelay recordDelay)
{
    public enum Result { Changed, Unchanged, NotFound, Refused }

    public sealed record Outcome(int Line, string? NhsNumber, Result Result, string Said, IReadOnlyDictionary<string, string[]> Problems, Guid? EpisodeId);

    public sealed record Report(int Rows, int Changed, int Unchanged, int NotFound, int Refused, IReadOnlyList<Outcome> Outcomes, IReadOnlyList<string> IgnoredColumns);

    public async Task<Report> Handle(TextReader file, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.EditReferral);
        var parsed = ReadyList.Read(file);
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        var seen = new HashSet<string>();
        var outcomes = new List<Outcome>();
        foreach (var row in parsed.Rows)
        {
            if (!row.Valid)
            {
                outcomes.Add(new(row.Line, row.Nhs?.Value, Result.Refused, "Not taken: see the problems.", row.Problems, null));
                continue;
            }
            var nhs = row.Nhs!.Value;
            if (!seen.Add(nhs.Value))
            {
                outcomes.Add(new(row.Line, nhs.Value, Result.Refused, "Not taken: this NHS number is on an earlier line.",
                    new Dictionary<string, string[]> { [ReadyList.NhsNumber] = ["This NHS number is on an earlier line of the list: one line a person."] }, null));
                continue;
            }
            outcomes.Add(await Find(row, actor, now, today, "discharge-ready list", ct));
        }
        db.AuditEntries.Add(AuditEntry.For(actor, "readylist.import", null, $"{parsed.Rows.Count} rows", now));
        await db.SaveChangesAsync(ct);
        return new Report(outcomes.Count, outcomes.Count(o => o.Result == Result.Changed), outcomes.Count(o => o.Result == Result.Unchanged),
            outcomes.Count(o => o.Result == Result.NotFound), outcomes.Count(o => o.Result == Result.Refused), outcomes, parsed.IgnoredColumns);
    }

    /// <summary>
    /// One person's update from another feed (the trust's Encounter by FHIR): the same look-up, rules and outcome as a
    /// line of the list, saved at once.
    /// </summary>
    public async Task<Outcome> One(ReadyList.Row row, string source, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.EditReferral);
        if (!row.Valid)
            return new(row.Line, row.Nhs?.Value, Result.Refused, "Not taken: see the problems.", row.Problems, null);
        var now = clock.GetUtcNow();
        var outcome = await Find(row, actor, now, London.DateOf(now), source, ct);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    /// <summary>The open hospital discharge referral the sender may see for the row's NHS number, updated; or nobody (audited).</summary>
    private async Task<Outcome> Find(ReadyList.Row row, Actor actor, DateTimeOffset now, DateOnly today, string source, CancellationToken ct)
    {
        var nhs = row.Nhs!.Value;
        var visible = scope.People(actor);
        var open = from r in db.Referrals
                   join e in db.Episodes on r.Id equals e.ReferralId
                   join p in db.People on r.PersonId equals p.Id
                   where p.NhsNumber == nhs && r.Route == Route.HospitalDischarge && e.DischargedOn == null
                         && (e.Status == EpisodeStatus.Referred || e.Status == EpisodeStatus.Triaged
                             || e.Status == EpisodeStatus.Accepted || e.Status == EpisodeStatus.Waiting)
                   select new { Referral = r, Episode = e };
        if (visible is not null)
            open = open.Where(x => visible.Contains(x.Referral.PersonId));
        var found = await open.OrderByDescending(x => x.Referral.ReceivedAt).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            // A look-up that finds nobody is audited too: the list named someone.
            db.AuditEntries.Add(AuditEntry.For(actor, "readylist.notfound", null, $"line {row.Line}", now));
            return new(row.Line, nhs.Value, Result.NotFound,
                "Nobody to update: no open hospital discharge referral for this NHS number that you can see (nothing changed).", new Dictionary<string, string[]>(), null);
        }
        return await Apply(row, found.Referral, found.Episode, actor, now, today, source, ct);
    }

    private async Task<Outcome> Apply(ReadyList.Row row, Referral referral, Episode episode, Actor actor, DateTimeOffset now, DateOnly today, string source, CancellationToken ct)
    {
        var problems = new Problems();
        ReferralRules.CheckReadyDate(problems, ReadyList.ReadyDate, referral.AdmittedOn, row.DischargeReadyDate, today);
        if (row.DelayReason is not null && row.DischargeReadyDate is null)
            problems.Add(ReadyList.Reason, "A delay reason needs a discharge ready date: a person who meets the criteria to reside is not delayed.");
        var nhs = row.Nhs!.Value.Value;
        if (problems.Any)
            return new(row.Line, nhs, Result.Refused, "Not taken: see the problems.", problems.ToDictionary(), episode.Id);

        var said = new List<string>();
        var before = referral.DischargeReadyDate;
        if (before != row.DischargeReadyDate)
        {
            referral.DischargeReadyDate = row.DischargeReadyDate;
            referral.Version++;
            episode.NoteReferralChanged(["dischargeReadyDate"], actor, now, (before, row.DischargeReadyDate), source: source);
            db.AuditEntries.Add(AuditEntry.For(actor, "referral.update", referral.PersonId, referral.Id, now));
            await db.SaveChangesAsync(ct);
            said.Add(row.DischargeReadyDate is { } d
                ? before is { } b ? $"Discharge ready date changed from {b:yyyy-MM-dd} to {d:yyyy-MM-dd}." : $"Discharge ready date set: {d:yyyy-MM-dd}."
                : "Discharge ready date withdrawn: the person meets the criteria to reside again.");
        }
        if (row.DelayReason is { } reason)
        {
            var entries = await db.DelayEntries.CountAsync(d => d.EpisodeId == episode.Id, ct);
            try
            {
                var ledger = await recordDelay.Handle(episode.Id, new RecordDelay.Request(reason.ToString(), row.DelayDetail, null), actor, ct);
                if (ledger.Entries.Count > entries)
                    said.Add($"Main delay reason: {reason.Label()}.");
            }
            catch (ValidationFailedException e)
            {
                return new(row.Line, nhs, said.Count > 0 ? Result.Changed : Result.Refused,
                    string.Join(" ", said.Append("The delay reason was not taken: see the problems.")),
                    e.Errors.ToDictionary(x => x.Key == "reason" ? ReadyList.Reason : x.Key == "detail" ? ReadyList.Detail : x.Key, x => x.Value), episode.Id);
            }
        }
        return said.Count == 0
            ? new(row.Line, nhs, Result.Unchanged, "Unchanged.", new Dictionary<string, string[]>(), episode.Id)
            : new(row.Line, nhs, Result.Changed, string.Join(" ", said), new Dictionary<string, string[]>(), episode.Id);
    }
}
