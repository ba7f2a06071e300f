using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Capacity;

/// <summary>
/// For a person waiting for care: every service on their pathway, whether it fits (locality covered,
/// accepting admissions, double-handed care if needed, the skill their care plan needs, open within the 14 days),
/// its free capacity for 14 days, and the earliest
/// day from which the whole need fits (a bed for 14 days, or a 4-to-1 visit pattern).
/// </summary>
public sealed class MatchServices(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public sealed record Match(Guid ServiceId, string Name, ServiceKind Kind, CapacityUnit Unit, bool Fits, IReadOnlyList<string> WhyNot,
        DateOnly? EarliestStart, IReadOnlyList<CapacityView.DayView> Days);

    public async Task<IReadOnlyList<Match>> Handle(Guid episodeId, bool doubleHanded, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var found = await (from e in db.Episodes.AsNoTracking()
                           join p in db.People.AsNoTracking() on e.PersonId equals p.Id
                           where e.Id == episodeId
                           select new { e.Pathway, e.Service, p.LocalityId, e.PersonId }).SingleOrDefaultAsync(ct)
                    ?? throw new NotFoundException("episode", episodeId);
        await scope.DemandEpisode(actor, found.PersonId, episodeId, "booking.match", "episode", episodeId, ct);
        var skill = await db.CarePlans.AsNoTracking().Where(p => p.EpisodeId == episodeId).Select(p => p.Skill).FirstOrDefaultAsync(ct);
        if (found.Pathway is not { } pathway || pathway == Pathway.P0)
            return [];

        var today = London.Today(clock);
        var availability = await Availability.Load(db, today, Availability.Horizon * 2 + BookCapacity.MaxDays, ct);
        return [.. availability.Services.Where(s => s.Pathway == pathway).Select(s =>
        {
            var whyNot = new List<string>();
            if (found.LocalityId is { } locality && s.Localities.All(l => l.LocalityId != locality))
                whyNot.Add("does not cover the person's locality");
            if (!s.AcceptingAdmissions)
                whyNot.Add("not accepting admissions");
            if (doubleHanded && !s.DoubleHanded)
                whyNot.Add("no double-handed care");
            if (skill is not null && s.Skills.Count > 0 && !s.Skills.Contains(skill))
                whyNot.Add($"does not offer {skill}");
            if (s.ClosesOn is { } closes && closes < today)
                whyNot.Add($"closed since {closes.AddDays(1):d MMMM yyyy}");
            else if (s.OpensOn is { } opens && opens > today.AddDays(Availability.Horizon - 1))
                whyNot.Add($"opens on {opens:d MMMM yyyy}");
            var days = Enumerable.Range(0, Availability.Horizon).Select(d => availability.Day(s.Id, today.AddDays(d)))
                .Select(d => new CapacityView.DayView(d.Date, d.Capacity, d.Booked, d.Free, d.OverCommitted)).ToList();
            var earliest = availability.EarliestStart(s, Availability.DefaultNeed(s, doubleHanded));
            return new Match(s.Id, s.Name, s.Kind, s.Unit, whyNot.Count == 0, whyNot, earliest, days);
        }).OrderByDescending(m => m.Fits).ThenBy(m => m.EarliestStart ?? DateOnly.MaxValue)];
    }
}
