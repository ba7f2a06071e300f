using Homeward.Capacity;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Rotas;
using Homeward.Visits;
using Microsoft.EntityFrameworkCore;

namespace Homeward.YourCare;

/// <summary>
/// "Your care" for the person, or a family member or unpaid carer they agreed may see it: who is coordinating their
/// care and how to reach them, what happens next and when, today's and tomorrow's visits (times and the carers' first
/// names, once the rota is published), their goals in their own words and how they are going, what to do if a visit is
/// missed or they feel worse, and the 91-day check. Each look is logged and listed on the page itself. Someone who may
/// not see the person gets 404, the same as a person who does not exist.
/// </summary>
public sealed class GetYourCare(HomewardDb db, PublicAccess access, TimeProvider clock)
{
    public async Task<YourCareView> Handle(PublicIdentity identity, Guid personId, string correlationId, CancellationToken ct)
    {
        var viewer = await access.For(identity, personId, ct) ?? throw new NotFoundException("person", personId);
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        db.PublicViews.Add(new PublicView { PersonId = personId, At = now, Viewer = viewer.Label, FamilyAccessId = viewer.FamilyAccessId, Via = identity.Via, CorrelationId = correlationId });
        await db.SaveChangesAsync(ct);
        IReadOnlyList<FamilyAccessView> sharedWith = viewer.IsThePerson
            ? [.. (await db.FamilyAccesses.AsNoTracking().Where(f => f.PersonId == personId && f.WithdrawnAt == null).OrderBy(f => f.GrantedAt).ToListAsync(ct))
                .Select(FamilyAccessView.From)]
            : [];

        var partnership = await db.Partnerships.AsNoTracking().Select(p => new { p.Name, p.Phone }).FirstOrDefaultAsync(ct);
        var episode = await db.Episodes.AsNoTracking()
            .Where(e => e.PersonId == personId && e.Status != EpisodeStatus.Declined && e.Status != EpisodeStatus.Cancelled)
            .OrderByDescending(e => e.ReferredAt).FirstOrDefaultAsync(ct);
        var views = await db.PublicViews.AsNoTracking().Where(v => v.PersonId == personId).OrderByDescending(v => v.At).ThenByDescending(v => v.Id).Take(20)
            .Select(v => new YourView(v.At, v.Viewer, v.Via)).ToListAsync(ct);
        if (episode is null)
            return new YourCareView(personId, viewer.PersonName, viewer, null, null, null, partnership?.Name, partnership?.Phone, [], [], [], null, null, null, null,
                views, today) { SharedWith = sharedWith };

        var team = await (from b in db.Bookings.AsNoTracking()
                          join s in db.CareServices.AsNoTracking() on b.ServiceId equals s.Id
                          where b.EpisodeId == episode.Id && (b.Status == BookingStatus.Accepted || b.Status == BookingStatus.Ended)
                          orderby b.StartDate descending
                          select new { s.Name, s.Phone, b.StartDate }).FirstOrDefaultAsync(ct);
        var plan = await db.CarePlans.AsNoTracking().SingleOrDefaultAsync(p => p.EpisodeId == episode.Id, ct);
        var visits = await db.Visits.AsNoTracking()
            .Where(v => v.EpisodeId == episode.Id && v.Status != VisitStatus.Cancelled && (v.Date == today || v.Date == today.AddDays(1)))
            .OrderBy(v => v.Date).ThenBy(v => v.WindowStart).ToListAsync(ct);
        var ids = visits.Select(v => v.Id).ToList();
        var assigned = (await (from a in db.RotaAssignments.AsNoTracking()
                               join r in db.Rotas.AsNoTracking() on a.RotaId equals r.Id
                               join w in db.CareWorkers.AsNoTracking() on a.WorkerId equals w.Id
                               where ids.Contains(a.VisitId) && r.Status == RotaStatus.Published
                               select new { a.VisitId, a.Second, a.Start, w.Name }).ToListAsync(ct))
            .ToLookup(a => a.VisitId);
        var yourVisits = visits.Select(v =>
        {
            var carers = assigned[v.Id].OrderBy(a => a.Second).ToList();
            TimeOnly? expected = carers.Count > 0 ? TimeOnly.MinValue.AddMinutes(carers[0].Start) : null;
            return new YourVisit(v.Date, v.WindowStart, v.WindowEnd, expected, [.. carers.Select(c => FirstName(c.Name))], v.Status);
        }).ToList();
        var goals = await db.Goals.AsNoTracking().Include(g => g.Scores).Where(g => g.EpisodeId == episode.Id).OrderBy(g => g.SetAt).ToListAsync(ct);
        var nextReview = await db.Reviews.AsNoTracking().Where(r => r.EpisodeId == episode.Id && r.HeldAt == null && r.DueOn >= today)
            .OrderBy(r => r.DueOn).Select(r => (DateOnly?)r.DueOn).FirstOrDefaultAsync(ct);
        var followUp = await db.FollowUps.AsNoTracking().Where(f => f.EpisodeId == episode.Id && f.Result == null).Select(f => (DateOnly?)f.DueOn)
            .FirstOrDefaultAsync(ct);
        var call = await db.HomeContacts.AsNoTracking().Where(c => c.EpisodeId == episode.Id && c.CompletedAt == null && c.DueBy > now)
            .Select(c => (DateTimeOffset?)c.DueBy).FirstOrDefaultAsync(ct);
        var next = Next(episode.Status, team?.StartDate ?? plan?.StartsOn, yourVisits.FirstOrDefault(v => v.Status == VisitStatus.Planned && (v.Date > today
            || (v.Expected ?? v.To) >= TimeOnly.FromDateTime(London.TimeOf(now).DateTime))), nextReview, plan?.EndsOn, episode.EndedAt is { } ended ? London.DateOf(ended) : null,
            followUp, today, call);
        return new YourCareView(personId, viewer.PersonName, viewer, episode.Status, team?.Name, team?.Phone, partnership?.Name, partnership?.Phone, next,
            yourVisits, [.. goals.Select(g => new YourGoal(g.Text, Progress(g), g.Levels?.Expected))], plan?.WillDo, plan?.WillNotDo,
            episode.Status == EpisodeStatus.Ended ? null : plan?.EndsOn, followUp, views, today) { SharedWith = sharedWith };
    }

    /// <summary>The first word of a carer's name: the family sees "Amira", never a surname.</summary>
    public static string FirstName(string name) => name.Trim().Split(' ', 2)[0];

    /// <summary>
    /// How a goal is going, from its latest Goal Attainment Scaling score, in plain words, with what that score was agreed to
    /// mean for this goal when its levels were described ("Getting there: walks to the front gate with a frame").
    /// </summary>
    public static string Progress(Care.Goal goal)
    {
        var latest = goal.Scores.OrderBy(s => s.At).ThenBy(s => s.Id).LastOrDefault();
        if (latest is null || latest.Stage == Care.Stage.Start)
            return "Just started";
        var words = latest.Score switch
        {
            <= -2 => "Not started yet",
            -1 => "Getting there",
            0 => "Achieved",
            _ => "Achieved, and more",
        };
        return goal.Levels is { } levels ? $"{words}: {Lower(levels.Of(latest.Score))}" : words;
    }

    private static string Lower(string text) => text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    /// <summary>What happens next, in order, in plain English. Pure.</summary>
    public static IReadOnlyList<string> Next(EpisodeStatus status, DateOnly? startsOn, YourVisit? nextVisit, DateOnly? nextReview, DateOnly? endsOn,
        DateOnly? endedOn, DateOnly? followUp, DateOnly today, DateTimeOffset? callBy = null)
    {
        string Day(DateOnly d) => d == today ? "today" : d == today.AddDays(1) ? "tomorrow" : $"on {d:dddd d MMMM}";
        var steps = new List<string>();
        if (callBy is { } by)
            steps.Add($"Someone from the team will call you by {London.TimeOf(by):HH:mm} {Day(London.DateOf(by))} to check you are managing at home.");
        switch (status)
        {
            case EpisodeStatus.Referred or EpisodeStatus.Triaged:
                steps.Add("We have your referral. We are working out with you what support will help you most, and will be in touch.");
                break;
            case EpisodeStatus.Accepted or EpisodeStatus.Waiting:
                steps.Add(startsOn is { } s && s >= today
                    ? $"Your support has been agreed. It starts {Day(s)}."
                    : "Your support has been agreed. We are arranging the people to support you, and will tell you when it starts.");
                break;
            case EpisodeStatus.Active:
                if (nextVisit is { } v)
                    steps.Add($"Your next visit is {Day(v.Date)}, between {v.From:HH:mm} and {v.To:HH:mm}"
                              + (v.Carers.Count > 0 ? $", from {string.Join(" and ", v.Carers)}." : "."));
                if (nextReview is { } r)
                    steps.Add($"We will review how things are going with you {Day(r)}.");
                if (endsOn is { } e)
                    steps.Add($"Your support is planned until {e:dddd d MMMM}. Before then we will agree with you what happens after it ends.");
                break;
            case EpisodeStatus.Ended when endedOn is { } ended:
                steps.Add($"Your support from us ended on {ended:dddd d MMMM}.");
                break;
        }
        if (followUp is { } due && due >= today)
            steps.Add($"Around {due:d MMMM yyyy}, someone will call you to ask how you are getting on. It helps us know whether our support worked.");
        return steps;
    }
}
