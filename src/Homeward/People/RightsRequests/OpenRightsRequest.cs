using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;

namespace Homeward.People.RightsRequests;

/// <summary>
/// Records a person's request to correct their record or restrict its use: the person by NHS number, who asked, the
/// day it arrived, what they say and, for a restriction, the article 18(1) ground. A restriction is in force from now
/// (the ICO's advice while a contested point is checked); a correction waits for the privacy officer's answer.
/// </summary>
public sealed class OpenRightsRequest(HomewardDb db, ReadRightsRequests read, TimeProvider clock)
{
    public sealed record Input(string? Kind, string? NhsNumber, string? Requester, string? ReceivedOn, string? Statement, string? Ground);

    public async Task<RightsRequestView> Handle(Input input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AnswerSubjectAccess);
        var now = clock.GetUtcNow();
        var problems = new Problems();
        var kind = problems.Enum<RightsRequestKind>("kind", input.Kind, "which right they are using (rectification or restriction)");
        var personId = await PrivacyRequestFields.Person(db, problems, "nhsNumber", input.NhsNumber, ct);
        var requester = PrivacyRequestFields.Requester(problems, input.Requester);
        var received = PrivacyRequestFields.ReceivedOn(problems, input.ReceivedOn, London.DateOf(now));
        var statement = problems.Required("statement", input.Statement, 4000,
            kind == RightsRequestKind.Restriction ? "what they want restricted and why, in their words" : "what they say is wrong and what it should say, in their words");
        var ground = kind == RightsRequestKind.Restriction
            ? problems.Enum<RestrictionGround>("ground", input.Ground, "the ground for restriction (article 18(1))")
            : null;
        if (problems.Any || personId is not { } person || kind is not { } checkedKind)
            throw problems.Failure();

        var request = RightsRequest.Open(person, checkedKind, requester, received, statement, ground, now, actor.UserName);
        db.RightsRequests.Add(request);
        db.AuditEntries.Add(AuditEntry.For(actor, $"rights.{(kind == RightsRequestKind.Restriction ? "restrict" : "rectify")}", request.PersonId, request.Id, now));
        await db.SaveChangesAsync(ct);
        return await read.Handle(request.Id, actor, ct);
    }
}
