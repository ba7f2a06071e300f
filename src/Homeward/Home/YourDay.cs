using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Homeward.Delays;
using Homeward.Episodes;
using Microsoft.EntityFrameworkCore;

namespace Homeward.Home;

/// <summary>
/// Where a hospital discharge team, a care provider or a reablement worker starts the day: the exceptions of their own
/// work, worked out from the records as the page opens, each with where to deal with it. A hospital: referrals held or
/// sent back for the patient's details, people past their discharge ready date (with the recorded reason, or none), and
/// referrals still without a ready date. A provider: offers waiting for its answer (overdue after the limit), people
/// starting in the next week, and people in its care today. A reablement worker: their visits today, missed visits to
/// follow up, and reviews due. Only what the user may see is listed; each person shown is audited.
/// </summary>
public sealed partial class YourDay(HomewardDb db, AccessScope scope, ReadDelays delays, Rounds.GetMyRound round, TimeProvider clock)
{
    public sealed record Item(string Name, string Detail, string? Link, bool Urgent, Guid? PersonId);

    /// <summary>
    /// A list on the page: the first <see cref="Shown"/> items (those that need the user first), how many there are in
    /// all, and where the whole list is when some are not shown here (nobody drops out unseen: the count says so).
    /// </summary>
    public sealed record Section(string Key, string Title, string Empty, IReadOnlyList<Item> Items, Link? More = null)
    {
        public int Total { get; init; } = Items.Count;
    }

    /// <summary>Where a section's whole list is, in words and as a page.</summary>
    public sealed record Link(string Text, string Url);

    /// <summary>Items shown in a section before "and N more": a region's hospital has thousands of people in flight.</summary>
    public const int Shown = 50;

    public sealed record View(string Heading, string Lead, IReadOnlyList<Section> Sections, DateTimeOffset Now);

    /// <summary>How far ahead a provider's "starting soon" looks.</summary>
    public const int StartingWithinDays = 7;

    public async Task<View> Handle(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        var view = actor.Role switch
        {
            Role.HospitalDischargeTeam => await Hospital(actor, today, now, ct),
            Role.CareProvider => await Provider(actor, today, now, ct),
            _ => await Worker(actor, today, now, ct),
        };
        // What needs the user first comes first (in each list's own order otherwise), up to Shown where the whole list
        // is on another page; a list with nowhere else to see it is shown whole.
        view = view with
        {
            Sections = [.. view.Sections.Select(s => s with
            {
                Items = [.. s.Items.OrderByDescending(i => i.Urgent).Take(s.More is null ? int.MaxValue : Shown)], Total = s.Items.Count,
            })],
        };
        await ListAudit.Record(db, actor, "home.view", [.. view.Sections.SelectMany(s => s.Items).Select(i => i.PersonId).OfType<Guid>().Distinct()], null, now, ct);
        return view;
    }

    private IQueryable<Episode> MyEpisodes(Actor actor) =>
        scope.Episodes(actor) is { } visible ? db.Episodes.AsNoTracking().Where(e => visible.Contains(e.Id)) : db.Episodes.AsNoTracking();

    private static readonly EpisodeStatus[] InFlight = [EpisodeStatus.Referred, EpisodeStatus.Triaged, EpisodeStatus.Accepted, EpisodeStatus.Waiting];
}
