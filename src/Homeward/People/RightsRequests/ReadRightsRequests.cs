using Homeward.Access;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.People.RightsRequests;

/// <summary>Rights requests as the privacy officer works on them: one request, and every request still to answer or in force.</summary>
public sealed class ReadRightsRequests(HomewardDb db)
{
    public async Task<RightsRequestView> Handle(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AnswerSubjectAccess);
        var found = await WithPerson(db.RightsRequests.Where(r => r.Id == id)).SingleOrDefaultAsync(ct)
                    ?? throw new NotFoundException("rights request", id);
        return RightsRequestView.From(found.Request, found.Person);
    }

    /// <summary>Corrections to answer and restrictions in force, oldest first.</summary>
    public async Task<IReadOnlyList<RightsRequestView>> Current(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AnswerSubjectAccess);
        var rows = await WithPerson(db.RightsRequests.Where(r => r.Status == RightsRequestStatus.Open || r.Status == RightsRequestStatus.Restricted))
            .ToListAsync(ct);
        return [.. rows.OrderBy(x => x.Request.ReceivedOn).ThenBy(x => x.Request.OpenedAt).Select(x => RightsRequestView.From(x.Request, x.Person))];
    }

    private sealed record Row(RightsRequest Request, Person Person);

    /// <summary>Each request with the person it is about.</summary>
    private IQueryable<Row> WithPerson(IQueryable<RightsRequest> requests) =>
        requests.AsNoTracking().Join(db.People.AsNoTracking(), r => r.PersonId, p => p.Id, (r, p) => new Row(r, p));

    /// <summary>
    /// The notices of a person whose record the caller is already reading (the episode and care pages, after their own
    /// access check): restrictions in force and corrections declined.
    /// </summary>
    public async Task<IReadOnlyList<RightsNotice>> For(Guid personId, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.ReadRecords);
        return await Notices(db, personId, ct);
    }

    /// <summary>What anyone reading the person's record must see: restrictions in force and corrections declined.</summary>
    public static async Task<IReadOnlyList<RightsNotice>> Notices(HomewardDb db, Guid personId, CancellationToken ct) =>
        [.. (await db.RightsRequests.AsNoTracking()
                .Where(r => r.PersonId == personId && (r.Status == RightsRequestStatus.Restricted || r.Status == RightsRequestStatus.Declined))
                .OrderBy(r => r.ReceivedOn).ToListAsync(ct))
            .Select(RightsNotice.Of).OfType<RightsNotice>()];

    /// <summary>
    /// While a restriction is in force only someone who also answers rights requests (a manager, at the privacy
    /// officer's request) changes the person's details: refused for anyone else, saying why.
    /// </summary>
    public static async Task DemandUnrestricted(HomewardDb db, Actor actor, Guid personId, CancellationToken ct)
    {
        if (actor.Has(Right.AnswerSubjectAccess))
            return;
        var since = await db.RightsRequests.AsNoTracking().Where(r => r.PersonId == personId && r.Status == RightsRequestStatus.Restricted)
            .OrderBy(r => r.ReceivedOn).Select(r => (DateOnly?)r.ReceivedOn).FirstOrDefaultAsync(ct);
        if (since is { } day)
            throw new InvalidTransitionException($"Use of this person's details is restricted since {day:d MMMM yyyy} (UK GDPR article 18): " +
                "while it stands, only a manager changes them, at the privacy officer's request. Tell the privacy officer what needs changing.");
    }
}
