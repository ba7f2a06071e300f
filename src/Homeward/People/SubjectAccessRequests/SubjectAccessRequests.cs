using Homeward.Access;
using Homeward.Audit;
using Homeward.Common;
using Homeward.Data;
using Microsoft.EntityFrameworkCore;

namespace Homeward.People.SubjectAccessRequests;

/// <summary>The request and its document, as the privacy officer reviews it or the person receives it.</summary>
public sealed record SubjectAccessRequestView(Guid Id, Guid PersonId, string Requester, DateOnly ReceivedOn, DateOnly DueOn,
    SubjectAccessStatus Status, IReadOnlyList<string> Withheld, string? WithheldReason, DateTimeOffset OpenedAt, string OpenedBy,
    DateTimeOffset? ReleasedAt, string? ReleasedBy, int Version, Document Document);

/// <summary>
/// Answering a subject access request in steps: open it (the person by NHS number, who asked, when it arrived), review
/// the readable document and withhold lines about other people with the reason, then release it; released, it is the
/// document as sent, withheld lines replaced. Every step needs the right to answer them and is audited; the document
/// is read afresh each time, so the release holds what is held at that moment.
/// </summary>
public sealed class SubjectAccessRequests(HomewardDb db, SubjectAccess subjectAccess, TimeProvider clock)
{
    public sealed record OpenInput(string? NhsNumber, string? Requester, string? ReceivedOn);

    public sealed record WithholdInput(IReadOnlyList<string>? Keys, string? Reason);

    public async Task<SubjectAccessRequestView> Open(OpenInput input, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AnswerSubjectAccess);
        var now = clock.GetUtcNow();
        var problems = new Problems();
        var personId = await PrivacyRequestFields.Person(db, problems, "nhsNumber", input.NhsNumber, ct);
        var requester = PrivacyRequestFields.Requester(problems, input.Requester);
        var received = PrivacyRequestFields.ReceivedOn(problems, input.ReceivedOn, London.DateOf(now));
        if (problems.Any || personId is not { } person)
            throw problems.Failure();

        var request = new SubjectAccessRequest { PersonId = person, Requester = requester, ReceivedOn = received, OpenedAt = now, OpenedBy = actor.UserName };
        db.SubjectAccessRequests.Add(request);
        db.AuditEntries.Add(AuditEntry.For(actor, "subject-access.open", request.PersonId, request.Id, now));
        await db.SaveChangesAsync(ct);
        return await Read(request.Id, actor, ct);
    }

    public async Task<SubjectAccessRequestView> Read(Guid id, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AnswerSubjectAccess);
        var request = await db.SubjectAccessRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("subject access request", id);
        var export = await subjectAccess.Handle(request.PersonId, actor, ct);
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var staff = await db.Users.AsNoTracking().Where(u => u.UserName != null).ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, ct);
        var document = SubjectAccessDocument.Build(export, organisations, staff);
        if (request.Status == SubjectAccessStatus.Released)
            document = document.Without(request.WithheldKeys);
        return new SubjectAccessRequestView(request.Id, request.PersonId, request.Requester, request.ReceivedOn, request.DueOn, request.Status,
            [.. request.WithheldKeys.Order()], request.WithheldReason, request.OpenedAt, request.OpenedBy, request.ReleasedAt, request.ReleasedBy,
            request.Version, document);
    }

    /// <summary>Which lines to withhold (only lines about someone else may be), with the reason; replaces the last choice.</summary>
    public async Task<SubjectAccessRequestView> Withhold(Guid id, WithholdInput input, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        var current = await Read(id, actor, ct);
        var request = await db.SubjectAccessRequests.SingleAsync(r => r.Id == id, ct);
        Versions.Demand("subject access request", request.Version, expectedVersion);
        var problems = new Problems();
        var keys = input.Keys ?? [];
        var thirdParty = current.Document.ThirdParty.Select(l => l.Key).ToHashSet();
        foreach (var key in keys.Where(k => !thirdParty.Contains(k)))
            problems.Add("keys", $"'{key}' is not a line about someone else: only those may be withheld.");
        var reason = problems.Optional("reason", input.Reason, 2000, "the reason");
        if (keys.Count > 0 && reason is null)
            problems.Add("reason", "Say why these lines are withheld (for example: the carer has not agreed to their details being shared).");
        problems.ThrowIfAny();

        request.Withhold(keys, reason);
        db.AuditEntries.Add(AuditEntry.For(actor, "subject-access.withhold", request.PersonId, request.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        // In review the document does not change with what is withheld: the one just read answers, not a second whole read.
        return current with { Withheld = [.. request.WithheldKeys.Order()], WithheldReason = request.WithheldReason, Version = request.Version };
    }

    public async Task<SubjectAccessRequestView> Release(Guid id, int? expectedVersion, Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AnswerSubjectAccess);
        var request = await db.SubjectAccessRequests.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("subject access request", id);
        Versions.Demand("subject access request", request.Version, expectedVersion);
        var now = clock.GetUtcNow();
        request.Release(now, actor.UserName);
        db.AuditEntries.Add(AuditEntry.For(actor, "subject-access.release", request.PersonId, request.Id, now));
        await db.SaveChangesAsync(ct);
        return await Read(id, actor, ct);
    }

    /// <summary>A request waiting for review or release, oldest first, with when its answer is due.</summary>
    public sealed record Waiting(Guid Id, string Name, string Requester, DateOnly ReceivedOn, DateOnly DueOn);

    public async Task<IReadOnlyList<Waiting>> InReview(Actor actor, CancellationToken ct)
    {
        actor.Demand(Right.AnswerSubjectAccess);
        var rows = await (from r in db.SubjectAccessRequests.AsNoTracking()
                          join p in db.People.AsNoTracking() on r.PersonId equals p.Id
                          where r.Status == SubjectAccessStatus.InReview
                          orderby r.ReceivedOn
                          select new { r.Id, p.GivenName, p.FamilyName, r.Requester, r.ReceivedOn }).ToListAsync(ct);
        return [.. rows.Select(r => new Waiting(r.Id, $"{r.GivenName} {r.FamilyName}", r.Requester, r.ReceivedOn, r.ReceivedOn.AddMonths(1)))];
    }
}
