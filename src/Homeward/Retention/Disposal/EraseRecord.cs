using Homeward.Data;
using Homeward.Rotas;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Retention.Disposal;

/// <summary>
/// Erases everything held about one person, leaves first: visits and what was recorded at them, the care record,
/// bookings, follow-ups, referrals and what came with them, messages, family access, rights requests, then the person.
/// What stays: the audit trail (a hash chain, naming the person only by id), the days' counts of places used (what a
/// service had, not who), and the register row written by <see cref="ReviewRecord"/>. Runs inside the caller's
/// transaction; returns how many rows of each kind went, for the register.
/// </summary>
internal static class EraseRecord
{
    public static async Task<IReadOnlyList<(string What, int Count)>> Run(HomewardDb db, Guid personId, CancellationToken ct)
    {
        var episodes = db.Episodes.Where(e => e.PersonId == personId).Select(e => e.Id);
        var referrals = db.Referrals.Where(r => r.PersonId == personId).Select(r => r.Id);
        var visits = db.Visits.Where(v => v.PersonId == personId || episodes.Contains(v.EpisodeId)).Select(v => v.Id);
        var bookings = db.Bookings.Where(b => episodes.Contains(b.EpisodeId)).Select(b => b.Id);
        var goals = db.Goals.Where(g => episodes.Contains(g.EpisodeId)).Select(g => g.Id);
        var followUps = db.FollowUps.Where(f => f.PersonId == personId || episodes.Contains(f.EpisodeId)).Select(f => f.Id);
        var homeContacts = db.HomeContacts.Where(h => h.PersonId == personId).Select(h => h.Id);
        // What a claim or an alert may be about: the person's episodes, bookings, visits, follow-ups and home contacts.
        var subjects = episodes.Concat(bookings).Concat(visits).Concat(followUps).Concat(homeContacts);
        var done = new List<(string, int)>();
        async Task Erase(string what, Task<int> deleting) => done.Add((what, await deleting));

        await Erase("visit tasks", db.VisitTaskRecords.Where(t => visits.Contains(t.VisitId)).ExecuteDeleteAsync(ct));
        await Erase("actions at the door", db.VisitActions.Where(a => a.PersonId == personId || visits.Contains(a.VisitId)).ExecuteDeleteAsync(ct));
        await Erase("places on rotas", db.RotaAssignments.Where(a => visits.Contains(a.VisitId)).ExecuteDeleteAsync(ct));
        await Erase("gaps on rotas", db.Set<RotaGap>().Where(g => visits.Contains(g.VisitId)).ExecuteDeleteAsync(ct));
        await Erase("items claimed", db.AttentionClaims.Where(c => subjects.Contains(c.SubjectId)).ExecuteDeleteAsync(ct));
        await Erase("alerts", db.AlertsSent.Where(a => subjects.Contains(a.SubjectId)).ExecuteDeleteAsync(ct));
        await Erase("observations", db.Observations.Where(o => episodes.Contains(o.EpisodeId)).ExecuteDeleteAsync(ct));
        await Erase("rapid response records", db.UrgentAssessments.Where(u => episodes.Contains(u.EpisodeId)).ExecuteDeleteAsync(ct));
        await Erase("goal scores", db.GoalScores.Where(s => goals.Contains(s.GoalId)).ExecuteDeleteAsync(ct));
        await Erase("goals", db.Goals.Where(g => episodes.Contains(g.EpisodeId)).ExecuteDeleteAsync(ct));
        await Erase("measures", db.MeasureResults.Where(m => episodes.Contains(m.EpisodeId)).ExecuteDeleteAsync(ct));
        await Erase("reviews", db.Reviews.Where(r => episodes.Contains(r.EpisodeId)).ExecuteDeleteAsync(ct));
        await Erase("assessments", db.Assessments.Where(a => episodes.Contains(a.EpisodeId)).ExecuteDeleteAsync(ct));
        await Erase("care plans", db.CarePlans.Where(p => episodes.Contains(p.EpisodeId)).ExecuteDeleteAsync(ct));
        await Erase("community support", db.CommunitySupports.Where(s => episodes.Contains(s.EpisodeId)).ExecuteDeleteAsync(ct));
        await Erase("delays", db.DelayEntries.Where(d => episodes.Contains(d.EpisodeId)).ExecuteDeleteAsync(ct));
        await Erase("timeline events", db.EpisodeEvents.Where(e => episodes.Contains(e.EpisodeId)).ExecuteDeleteAsync(ct));
        await Erase("unpaid carers", db.CarerInvolvements.Where(c => c.PersonId == personId || episodes.Contains(c.EpisodeId)).ExecuteDeleteAsync(ct));
        await Erase("experience answers", db.ExperienceResponses.Where(r => r.PersonId == personId).ExecuteDeleteAsync(ct));
        await Erase("follow-up attempts", db.FollowUpAttempts.Where(a => followUps.Contains(a.FollowUpId)).ExecuteDeleteAsync(ct));
        await Erase("follow-ups", db.FollowUps.Where(f => f.PersonId == personId || episodes.Contains(f.EpisodeId)).ExecuteDeleteAsync(ct));
        await Erase("home contact attempts", db.Set<FollowUps.HomeContactAttempt>().Where(a => homeContacts.Contains(a.HomeContactId)).ExecuteDeleteAsync(ct));
        await Erase("home contacts", db.HomeContacts.Where(h => h.PersonId == personId).ExecuteDeleteAsync(ct));
        await Erase("booked days", db.BookingDays.Where(d => bookings.Contains(d.BookingId)).ExecuteDeleteAsync(ct));
        await Erase("person days", db.PersonDays.Where(d => d.PersonId == personId || bookings.Contains(d.BookingId)).ExecuteDeleteAsync(ct));
        await Erase("bookings", db.Bookings.Where(b => episodes.Contains(b.EpisodeId)).ExecuteDeleteAsync(ct));
        await Erase("visits", db.Visits.Where(v => v.PersonId == personId || episodes.Contains(v.EpisodeId)).ExecuteDeleteAsync(ct));
        await Erase("documents sent with referrals", db.SentDocuments.Where(d => referrals.Contains(d.ReferralId)).ExecuteDeleteAsync(ct));
        await Erase("episodes", db.Episodes.Where(e => e.PersonId == personId).ExecuteDeleteAsync(ct));
        await Erase("held referrals", db.HeldReferrals.Where(h => h.HeldPersonId == personId).ExecuteDeleteAsync(ct));
        await Erase("referrals", db.Referrals.Where(r => r.PersonId == personId).ExecuteDeleteAsync(ct));
        await Erase("messages", db.OutboundMessages.Where(m => m.PersonId == personId).ExecuteDeleteAsync(ct));
        await Erase("looks at their page", db.PublicViews.Where(v => v.PersonId == personId).ExecuteDeleteAsync(ct));
        await Erase("family access", db.FamilyAccesses.Where(f => f.PersonId == personId).ExecuteDeleteAsync(ct));
        await Erase("break-glass accesses", db.BreakGlassAccesses.Where(b => b.PersonId == personId).ExecuteDeleteAsync(ct));
        await Erase("subject access requests", db.SubjectAccessRequests.Where(r => r.PersonId == personId).ExecuteDeleteAsync(ct));
        await Erase("rights requests", db.RightsRequests.Where(r => r.PersonId == personId).ExecuteDeleteAsync(ct));
        await Erase("person", db.People.Where(p => p.Id == personId).ExecuteDeleteAsync(ct));
        return done;
    }
}
