using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.People.RightsRequests;

/// <summary>
/// Answers a rights request: a correction is made (say what was changed: the record itself is changed on its own page)
/// or declined with the reason (the person's statement then stays with their record); a restriction is lifted with the
/// reason once the person has been told (article 18(3)). An answer never changes afterwards.
/// </summary>
public sealed class AnswerRightsRequest(HomewardDb db, ReadRightsRequests read, TimeProvider clock)
{
    /// <summary>The decision (corrected, declined or lifted), what was done or why, and for lifting the day the person was told.</summary>
    public sealed record Input(string? Decision, string? Answer, string? PersonToldOn);

    public async Task<RightsRequestView> Handle(Guid id, Input input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AnswerSubjectAccess);
        var request = await db.RightsRequests.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("rights request", id);
        Versions.Demand("rights request", request.Version, expectedVersion);
        var now = clock.GetUtcNow();
        var today = London.DateOf(now);
        var problems = new Problems();
        var decision = problems.Enum<RightsRequestStatus>("decision", input.Decision, "the answer");
        if (decision is { } d && !request.Next.Contains(d))
            problems.Add("decision", request.Next.Count == 0
                ? "This request has been answered: the answer no longer changes."
                : $"This request can be answered only as: {string.Join(" or ", request.Next.Select(n => Words.Of(n).ToLowerInvariant()))}.");
        var answer = problems.Required("answer", input.Answer, 4000, decision switch
        {
            RightsRequestStatus.Corrected => "what was corrected, and where",
            RightsRequestStatus.Declined => "why the correction is declined (the person is told, and may complain to the ICO)",
            _ => "why the restriction is lifted",
        });
        DateOnly? told = null;
        if (decision == RightsRequestStatus.Lifted)
        {
            told = problems.Date("personToldOn", input.PersonToldOn, "the day the person was told it would be lifted", required: true);
            if (told > today)
                problems.Add("personToldOn", "The person must have been told before the restriction is lifted: the day cannot be in the future.");
            else if (told < request.ReceivedOn)
                problems.Add("personToldOn", "The person was told after they asked: the day cannot be before the request arrived.");
        }
        if (problems.Any || decision is not { } checkedDecision)
            throw problems.Failure();

        switch (checkedDecision)
        {
            case RightsRequestStatus.Corrected: request.Correct(answer, now, actor.UserName); break;
            case RightsRequestStatus.Declined: request.Decline(answer, now, actor.UserName); break;
            default: request.Lift(answer, told!.Value, now, actor.UserName); break;
        }
        db.AuditEntries.Add(AuditEntry.For(actor, $"rights.{Words.Of(checkedDecision).ToLowerInvariant()}", request.PersonId, request.Id, now));
        await db.SaveChangesAsync(ct);
        return await read.Handle(id, actor, ct);
    }
}
