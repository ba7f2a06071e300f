using Homeward.Common;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Attention;

/// <summary>What needs the hub after care: the 91-day follow-ups and the calls to people newly home.</summary>
public sealed partial class NeedsAttention
{
    /// <summary>91-day follow-ups due.</summary>
    private async Task FollowUpsDue(Query q, List<Found> found, CancellationToken ct)
    {
        var followUps = from f in db.FollowUps.AsNoTracking()
                        join p in q.People on f.PersonId equals p.Id
                        where f.CompletedAt == null && f.DueOn <= q.Today
                        select new { f.Id, f.EpisodeId, f.PersonId, Name = p.GivenName + " " + p.FamilyName, f.DueOn, f.DischargedOn };
        foreach (var x in await followUps.ToListAsync(ct))
            found.Add(new(AttentionKind.FollowUpDue, x.Id, x.EpisodeId, x.PersonId, x.Name,
                $"Due {x.DueOn:d MMM}: where is the person 91 days after leaving hospital on {x.DischargedOn:d MMM}?", London.At(x.DueOn, TimeOnly.MinValue)));
    }

    /// <summary>Calls to check that people newly home are managing.</summary>
    private async Task HomeContactsDue(Query q, List<Found> found, CancellationToken ct)
    {
        // In the queue from 24 hours after they got home (a day for the team to call on its own), until made.
        var soon = q.Now.AddHours(24 - FollowUps.HomeContact.Hours);
        var contacts = from c in db.HomeContacts.AsNoTracking()
                       join p in q.People on c.PersonId equals p.Id
                       where c.CompletedAt == null && c.HomeAt <= soon
                       select new { c.Id, c.EpisodeId, c.PersonId, Name = p.GivenName + " " + p.FamilyName, c.HomeAt, c.WentHome, Attempts = c.Attempts.Count };
        foreach (var x in await contacts.ToListAsync(ct))
            found.Add(new(AttentionKind.HomeContactDue, x.Id, x.EpisodeId, x.PersonId, x.Name,
                $"Home {(x.WentHome == FollowUps.WentHome.FromHospital ? "from hospital" : "from an intermediate care bed")} {London.TimeOf(x.HomeAt):d MMM HH:mm}: call to check they are managing"
                + (x.Attempts > 0 ? $" ({x.Attempts} attempt{(x.Attempts == 1 ? "" : "s")} so far)." : "."), x.HomeAt));
    }
}
