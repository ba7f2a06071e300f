using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Episodes;
using Homeward.Triage;
using Microsoft.EntityFrameworkCore;

namespace Homeward.FollowUps;

/// <summary>
/// The 48-hour contacts after going home (<see cref="HomeContact"/>): the list (overdue first), attempts to reach the
/// person, and the outcome. Made by <see cref="When"/> as the episode starts or ends.
/// </summary>
public sealed class HomeContacts(HomewardDb db, AccessScope scope, TimeProvider clock)
{
    public sealed record Query(bool? Done);
    public sealed record AttemptInput(bool? Reached, string? Notes, string? At);
    public sealed record OutcomeInput(string? Outcome, string? Notes, string? At);

    public const int Limit = 500;

    /// <summary>
    /// The contact a step of an episode calls for, or null: a hospital discharge home (pathway 0 or 1) when care starts;
    /// an intermediate care bed left for the person's usual residence when the episode ends. Pure.
    /// </summary>
    public static HomeContact? When(Episode episode, bool fromHospital, DateTimeOffset at) =>
        episode.Status switch
        {
            EpisodeStatus.Active when fromHospital && episode.Pathway is Pathway.P0 or Pathway.P1 && episode.DischargedOn is not null =>
                HomeContact.For(episode.Id, episode.PersonId, WentHome.FromHospital, at),
            EpisodeStatus.Ended when episode.Service == Service.BedBasedIntermediateCare && episode.Destination == Destination.UsualResidence =>
                HomeContact.For(episode.Id, episode.PersonId, WentHome.FromABed, at),
            _ => null,
        };

    public async Task<IReadOnlyList<HomeContactView>> List(Query query, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var now = clock.GetUtcNow();
        var contacts = db.HomeContacts.AsNoTracking().Include(c => c.Attempts).AsQueryable();
        if (scope.Episodes(actor) is { } visible)
            contacts = contacts.Where(c => visible.Contains(c.EpisodeId));
        contacts = query.Done == true ? contacts.Where(c => c.CompletedAt != null) : contacts.Where(c => c.CompletedAt == null);
        var rows = await (from c in contacts
                          join p in db.People.AsNoTracking() on c.PersonId equals p.Id
                          orderby c.DueBy
                          select new { c, Name = p.GivenName + " " + p.FamilyName }).Take(Limit).ToListAsync(ct);
        await ListAudit.Record(db, actor, "home-contact.search", [.. rows.Select(r => r.c.PersonId).Distinct()], query.Done == true ? "done" : "open", now, ct);
        return [.. rows.Select(r => HomeContactView.From(r.c, r.Name, now))];
    }

    public async Task<HomeContactView> Attempt(Guid id, AttemptInput input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var (contact, episode, now) = await Load(id, expectedVersion, actor, ct);
        var problems = new Problems();
        var at = At(problems, input.At, contact, now);
        if (input.Reached is null)
            problems.Add("reached", "Say whether the person (or someone with them) was reached.");
        var notes = problems.Optional("notes", input.Notes, 2000, "the notes");
        if (problems.Any || input.Reached is not { } reached)
            throw problems.Failure();
        contact.AddAttempt(new HomeContactAttempt { HomeContactId = id, At = at, Reached = reached, Notes = notes, By = actor.UserName });
        return await Save(contact, episode, EpisodeEventType.HomeContactAttempt, at, actor, now, "home-contact.attempt", new { reached = input.Reached }, ct);
    }

    public async Task<HomeContactView> Complete(Guid id, OutcomeInput input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var (contact, episode, now) = await Load(id, expectedVersion, actor, ct);
        var problems = new Problems();
        var at = At(problems, input.At, contact, now);
        var outcome = problems.Enum<HomeContactOutcome>("outcome", input.Outcome, "outcome (WellAtHome, ConcernsActedOn, BackInHospital or NotReached)");
        var notes = problems.Optional("notes", input.Notes, 2000, "the notes");
        if (outcome is HomeContactOutcome.ConcernsActedOn or HomeContactOutcome.NotReached && notes is null)
            problems.Add("notes", outcome == HomeContactOutcome.NotReached
                ? "Say what the team did instead (a visit to the home, a call to the family)."
                : "Say what was not right, and what the team did.");
        var failed = contact.Attempts.Count(a => !a.Reached);
        if (outcome == HomeContactOutcome.NotReached && failed < HomeContact.AttemptsBeforeNotReached)
            problems.Add("outcome", $"Record at least {HomeContact.AttemptsBeforeNotReached} failed attempts to reach the person first ({failed} so far).");
        problems.ThrowIfAny();
        (contact.Outcome, contact.Notes, contact.CompletedAt, contact.CompletedBy) = (outcome, notes, at, actor.UserName);
        return await Save(contact, episode, EpisodeEventType.HomeContacted, at, actor, now, "home-contact.complete", new { outcome = outcome.ToString() }, ct);
    }

    private async Task<(HomeContact, Episode, DateTimeOffset)> Load(Guid id, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.FollowUp);
        var contact = await db.HomeContacts.Include(c => c.Attempts).SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("48-hour contact", id);
        await scope.DemandToChange(actor, contact.PersonId, "home-contact.record", "48-hour contact", id, ct);
        Versions.Demand("48-hour contact", contact.Version, expectedVersion);
        if (contact.Outcome is not null)
            throw new InvalidTransitionException($"This contact was completed on {London.DateOf(contact.CompletedAt!.Value):yyyy-MM-dd}: {Words.Of(contact.Outcome!.Value)}.");
        var episode = await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == contact.EpisodeId, ct);
        return (contact, episode, clock.GetUtcNow());
    }

    private static DateTimeOffset At(Problems problems, string? given, HomeContact contact, DateTimeOffset now)
    {
        var at = problems.Instant("at", given, "the time", required: false) ?? now;
        if (at > now.AddMinutes(5))
            problems.Add("at", "The time cannot be in the future.");
        else if (at < contact.HomeAt)
            problems.Add("at", "The time cannot be before the person went home.");
        return at;
    }

    private async Task<HomeContactView> Save(HomeContact contact, Episode episode, EpisodeEventType type, DateTimeOffset at, Actor actor, DateTimeOffset now,
        string action, object detail, CancellationToken ct)
    {
        contact.Version++;
        db.EpisodeEvents.Add(episode.Note(type, at, actor, now, detail));
        db.AuditEntries.Add(AuditEntry.For(actor, action, contact.PersonId, contact.Id, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleVersionException("48-hour contact", contact.Version);
        }
        return HomeContactView.From(contact, null, now);
    }
}
